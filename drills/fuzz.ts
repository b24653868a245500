// Hostile-input drill: thousands of generated malformed requests (fast-check) against every API route of a real
// server. Every answer must come within 10 s and be a 4xx with a JSON error (or the documented 2xx/207 for what
// happens to be valid), never a 5xx; nothing malformed may be stored, and what was valid must be stored exactly as
// sent. Then formula injection end to end: names starting with = + - @ must reach the CSV export neutralised.
import fc from "fast-check";
import { parse as parseCsv } from "csv-parse/sync";
import type { Dialect } from "@/lib/db/dialect";
import { ERROR_CATEGORIES, EVENT_TYPES, OUTPUT_KINDS, VERDICTS, COMPLETION_MODES } from "@/lib/contract/vocabulary";
import { MAX_PROPERTIES_BYTES } from "@/lib/contract/event";
import { canonicalJson } from "@/lib/scorecards/decisions";
import { demoRolloutPlans, demoWorkflows, demoCohorts, defaultGateTemplates } from "@/lib/demo/program";
import { today } from "@/lib/time";
import { createApiKey } from "@/lib/auth/keys";
import { cliActor } from "@/lib/audit/audit";
import { cleanupMark, deploy, log, unwindCleanups, type Deployment, type DrillRun, type Figures } from "./context";
import { bearer, jsonOf, percentile, pool, send, TimeoutError, type Answer, type IngestAnswer } from "./http";
import { rollupsAgainstRebuild } from "./checks";
import { eventKey } from "@/lib/ingest/identity";
import { DRILL_COHORTS, DRILL_WORKFLOWS } from "./program";
import { fuzzRequest, serialize, type Body, type FuzzRequest, type FuzzWorld } from "./fuzzRequests";

const ANSWER_TIMEOUT_MS = 10_000;

type Keys = Record<"all" | "read" | "ingest" | "restricted", string>;

function bodyOf(body: Body, path: string): { data: string | Buffer | ReadableStream<Uint8Array>; stream: boolean } {
  switch (body.kind) {
    case "json":
      return { data: serialize(body.value), stream: false };
    case "text":
      return { data: body.text, stream: false };
    case "bytes":
      return { data: Buffer.from(body.bytes), stream: false };
    case "deep": {
      const leaf = body.close && body.open.startsWith("{") ? "1" : "";
      return { data: body.prefix + body.open.repeat(body.depth) + leaf + body.close.repeat(body.depth) + body.suffix, stream: false };
    }
    case "sized": {
      // A well-formed envelope whose one event carries an oversized property: it reaches item validation.
      const head = path === "/api/v1/events" ? '{"events":[{"id":"sized","type":"output","properties":{"pad":"' : '{"pad":"';
      const tail = path === "/api/v1/events" ? '"}}]}' : '"}';
      const text = head + "x".repeat(body.bytes - head.length - tail.length) + tail;
      if (!body.stream) return { data: text, stream: false };
      const bytes = Buffer.from(text);
      let offset = 0;
      const data = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(offset, offset + 65_536));
          offset += 65_536;
        },
      });
      return { data, stream: true };
    }
  }
}

function headersFor(request: FuzzRequest, keys: Keys): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.body) headers["content-type"] = request.contentType ?? "application/json";
  const auth = request.auth;
  if (typeof auth === "object") headers.authorization = auth.header;
  else if (auth !== "none") headers.authorization = `Bearer ${keys[auth]}`;
  return headers;
}

/** The security headers every answer must carry (lib/api/securityHeaders.ts), errors included; missing ones named. */
function missingSecurityHeaders(answer: Answer): string[] {
  const wanted: [string, (value: string) => boolean][] = [
    ["content-security-policy", (v) => v.includes("frame-ancestors 'none'")],
    ["x-content-type-options", (v) => v === "nosniff"],
    ["x-frame-options", (v) => v === "DENY"],
    ["referrer-policy", (v) => v.length > 0],
  ];
  return wanted.filter(([name, ok]) => !ok(answer.headers.get(name) ?? "")).map(([name]) => name);
}

function isJsonError(answer: Answer): boolean {
  const body = jsonOf<{ error?: { code?: unknown; message?: unknown } }>(answer);
  return answer.contentType.includes("application/json") && typeof body?.error?.code === "string" && typeof body.error.message === "string";
}

interface Sent {
  /** Valid events acknowledged by the server, by identity (eventKey): they must be stored exactly like this. */
  expected: Map<string, Record<string, unknown>>;
  counter: number;
}

const keyOf = (event: Record<string, unknown>) => eventKey({ workflow: String(event.workflow), id: String(event.id) });

/** The start of an answer for a report: its text on one line, or its content type when it is binary. */
function snippet(answer: Answer, length = 200): string {
  if (/pdf|octet-stream/.test(answer.contentType)) return `(${answer.contentType}, ${answer.bytes.length} bytes)`;
  return answer.text.slice(0, length).replace(/\s+/g, " ");
}

/** Why an answer is wrong for its request; null when it is right. Records the valid events a 2xx acknowledged. */
function judge(request: FuzzRequest, answer: Answer, sent: Sent, items?: { value: unknown; valid: boolean }[]): string | null {
  if (answer.status >= 500) return `${answer.status} ${snippet(answer)}`;
  const expect = request.expect;
  switch (expect.kind) {
    case "reject":
      if (answer.status < 400) return `malformed input accepted with ${answer.status}: ${snippet(answer)}`;
      return isJsonError(answer) ? null : `${answer.status} without a JSON error: ${snippet(answer)}`;
    case "status":
      if (answer.status !== expect.status) return `expected ${expect.status}, got ${answer.status}: ${snippet(answer)}`;
      if (expect.status === 207) return jsonOf<IngestAnswer>(answer)?.accepted === 0 ? null : `207 that accepted something: ${snippet(answer)}`;
      return isJsonError(answer) ? null : `${answer.status} without a JSON error`;
    case "health":
      return answer.status === 200 && jsonOf<{ status?: string }>(answer)?.status === "ok" ? null : `health answered ${answer.status}: ${snippet(answer)}`;
    case "answer":
      if (answer.status >= 200 && answer.status < 300) return null;
      return isJsonError(answer) ? null : `${answer.status} without a JSON error: ${snippet(answer)}`;
    case "ingest": {
      const result = jsonOf<IngestAnswer>(answer);
      const list = items ?? expect.items;
      const invalid = list.flatMap((item, i) => (item.valid ? [] : [i]));
      const valid = list.filter((item) => item.valid);
      const wanted = invalid.length > 0 ? 207 : 200;
      if (answer.status !== wanted || !result) return `expected ${wanted}, got ${answer.status}: ${snippet(answer, 300)}`;
      const rejected = result.rejected.map((r) => r.index).sort((a, b) => a - b);
      if (rejected.join() !== invalid.join()) {
        const accepted = invalid.filter((i) => !rejected.includes(i));
        const refused = rejected.filter((i) => !invalid.includes(i));
        const show = (i: number) => serialize(list[i]!.value).slice(0, 300);
        return accepted.length
          ? `malformed event accepted: ${show(accepted[0]!)}`
          : `valid event rejected: ${show(refused[0]!)} → ${JSON.stringify(result.rejected.find((r) => r.index === refused[0]))?.slice(0, 300)}`;
      }
      if (result.rejected.some((r) => !Array.isArray(r.errors) || r.errors.length === 0 || r.errors.some((e) => typeof e.path !== "string" || typeof e.message !== "string"))) {
        return `a rejection without field errors: ${snippet(answer, 300)}`;
      }
      if (result.accepted !== valid.length || result.duplicates !== 0) return `accepted ${result.accepted}, duplicates ${result.duplicates} for ${valid.length} valid events`;
      for (const item of valid) {
        const event = JSON.parse(serialize(item.value)) as Record<string, unknown>;
        sent.expected.set(keyOf(event), event);
      }
      return null;
    }
  }
}

/** Gives every valid event a unique id (keeping its hostile prefix), so each must be stored once. */
function withUniqueIds(request: FuzzRequest, sent: Sent): { request: FuzzRequest; items?: { value: unknown; valid: boolean }[] } {
  if (request.expect.kind !== "ingest") return { request };
  const items = request.expect.items.map((item) => (item.valid ? { ...item, value: { ...(item.value as object), id: `${String((item.value as { id: string }).id)}~fz${sent.counter++}` } } : item));
  return { request: { ...request, body: { kind: "json", value: { events: items.map((i) => i.value) } } }, items };
}

const badText = (s: string) => s.includes("\u0000") || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** What is wrong with a stored event row, judged independently of the contract code. */
function storedRowProblems(row: Record<string, unknown>, workflows: Set<string>, cohorts: Set<string>): string[] {
  const problems: string[] = [];
  const text = (field: string, min: number, max: number) => {
    const value = row[field];
    if (typeof value !== "string" || value.length < min || value.length > max || badText(value)) problems.push(`${field} ${JSON.stringify(value)?.slice(0, 80)}`);
  };
  text("id", 1, 128);
  text("taskId", 1, 128);
  text("agentVersion", 0, 64);
  if (!(EVENT_TYPES as readonly string[]).includes(String(row.type))) problems.push(`type ${String(row.type)}`);
  if (!workflows.has(String(row.workflow))) problems.push(`workflow ${String(row.workflow)}`);
  if (!cohorts.has(String(row.cohort))) problems.push(`cohort ${String(row.cohort)}`);
  const occurred = new Date(row.occurredAt as string).getTime();
  const received = new Date(row.receivedAt as string).getTime();
  if (!(occurred >= Date.UTC(2000, 0, 1)) || !(occurred <= received + 5 * 60_000)) problems.push(`occurredAt ${String(row.occurredAt)}`);
  if (row.actor !== null && !/^[\w-]{32}$/.test(String(row.actor))) problems.push("actor not pseudonymized");
  const only = (fields: string[]) => {
    for (const f of ["outputKind", "verdict", "errorCategory", "reason", "mode", "durationMs", "category", "severity"]) {
      if (!fields.includes(f) && row[f] !== null) problems.push(`${f} set on a ${String(row.type)} event`);
    }
  };
  const oneOf = (field: string, values: readonly string[], optional = false) => {
    if (!(optional && row[field] === null) && !values.includes(String(row[field]))) problems.push(`${field} ${String(row[field])}`);
  };
  switch (row.type) {
    case "output":
      only(["outputKind"]);
      oneOf("outputKind", OUTPUT_KINDS);
      break;
    case "review":
      only(["verdict", "errorCategory"]);
      oneOf("verdict", VERDICTS);
      oneOf("errorCategory", ERROR_CATEGORIES, true);
      break;
    case "escalation":
      only(["reason"]);
      if (row.reason !== null) text("reason", 0, 500);
      break;
    case "completion": {
      only(["mode", "durationMs"]);
      oneOf("mode", COMPLETION_MODES);
      const ms = Number(row.durationMs);
      if (!Number.isSafeInteger(ms) || ms < 0) problems.push(`durationMs ${String(row.durationMs)}`);
      break;
    }
    case "incident":
      only(["category", "severity"]);
      oneOf("category", ERROR_CATEGORIES);
      if (![1, 2, 3].includes(Number(row.severity))) problems.push(`severity ${String(row.severity)}`);
      break;
  }
  if (row.properties !== null) {
    const props = String(row.properties);
    let parsed: unknown;
    try {
      parsed = JSON.parse(props);
    } catch {
      problems.push("properties not JSON");
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed) || Buffer.byteLength(props) > MAX_PROPERTIES_BYTES || /"__proto__"\s*:/.test(props)) {
      problems.push(`properties ${props.slice(0, 80)}`);
    }
  }
  return problems;
}

/** Differences between a stored row and the event that was sent. */
function differences(row: Record<string, unknown>, event: Record<string, unknown>): string[] {
  const out: string[] = [];
  const same = (field: string, stored: unknown, sent: unknown) => {
    if (stored !== sent) out.push(`${field}: sent ${JSON.stringify(sent)?.slice(0, 60)}, stored ${JSON.stringify(stored)?.slice(0, 60)}`);
  };
  for (const field of ["id", "type", "workflow", "cohort", "taskId"]) same(field, row[field], event[field]);
  same("occurredAt", new Date(row.occurredAt as string).getTime(), new Date(String(event.occurredAt)).getTime());
  same("agentVersion", row.agentVersion, event.agentVersion ?? "");
  for (const field of ["outputKind", "verdict", "errorCategory", "reason", "mode", "category"]) same(field, row[field], event[field] ?? null);
  same("durationMs", row.durationMs === null ? null : Number(row.durationMs), event.durationMs ?? null);
  same("severity", row.severity === null ? null : Number(row.severity), event.severity ?? null);
  same("properties", row.properties === null ? null : canonicalJson(JSON.parse(String(row.properties))), event.properties === undefined ? null : canonicalJson(event.properties));
  if ((event.actor === undefined) !== (row.actor === null) || (row.actor !== null && row.actor === event.actor)) out.push("actor not pseudonymized as sent");
  return out;
}

const FORMULA_PROGRAM = {
  workflows: [
    {
      key: "formula-flow",
      name: '=HYPERLINK("http://evil.example","click")',
      tier: "draft",
      businessOwner: "+1+1",
      technicalOwner: "-2+3",
      successMetric: "@SUM(1,2)",
      failureMode: "=1+1",
    },
  ],
  cohorts: [{ key: "formula-cohort", name: "@cmd", department: "=DDE(\"cmd\";\"/C calc\";\"x\")", size: 5 }],
  rollouts: [{ workflow: "formula-flow", cohort: "formula-cohort", phase: "pilot" }],
};

/** Registers names that start with = + - @ and checks the weekly CSV neutralises every such cell. */
async function formulaInjection(deployment: Deployment, figures: Figures): Promise<void> {
  const headers = { ...bearer(deployment.apiKey), "content-type": "application/json" };
  const applied = await send(`${deployment.baseUrl}/api/v1/program`, { method: "PUT", headers, body: JSON.stringify(FORMULA_PROGRAM) });
  const csv = await send(`${deployment.baseUrl}/api/v1/exports/weekly?week=last&format=csv`, { headers: bearer(deployment.apiKey), timeoutMs: 60_000 });
  const rows = csv.status === 200 ? (parseCsv(csv.text, { columns: true }) as Record<string, string>[]) : [];
  const row = rows.find((r) => r.workflow === "formula-flow");
  const cells = rows.flatMap((r) => Object.values(r));
  // A cell may start with - only as a number (a negative reduction); everything else starting with = + - @ tab CR is a formula.
  const dangerous = cells.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?(e-?\d+)?$/.test(cell));
  const expected = {
    workflow_name: `'${FORMULA_PROGRAM.workflows[0]!.name}`,
    cohort_name: `'${FORMULA_PROGRAM.cohorts[0]!.name}`,
    department: `'${FORMULA_PROGRAM.cohorts[0]!.department}`,
  };
  figures.add("CSV cells checked for formulas", cells.length);
  figures.add("CSV cells that a spreadsheet would run", dangerous.length);
  figures.check("program with formula names applied", applied.status === 200, `${applied.status} ${applied.text.slice(0, 200)}`);
  figures.check(
    "formula names neutralised in the CSV export",
    csv.status === 200 && row !== undefined && Object.entries(expected).every(([column, value]) => row[column] === value) && dangerous.length === 0,
    row ? JSON.stringify({ workflow_name: row.workflow_name, cohort_name: row.cohort_name, department: row.department, dangerous: dangerous.slice(0, 3) }) : `export answered ${csv.status}: ${csv.text.slice(0, 200)}`,
  );
}

export async function fuzzDrill(run: DrillRun, dialect: Dialect, figures: Figures): Promise<void> {
  const sizes = run.options.sizes.fuzz;
  const mark = cleanupMark();
  try {
    const deployment = await deploy(run, dialect, "fuzz");
    const restrictedWorkflow = demoWorkflows[0].key;
    // The keys with fewer scopes are made in-process (each `tollgate keys create` would start a process).
    const direct = deployment.open();
    const key = async (name: string, scopes: string[], workflows?: string[]) => (await createApiKey(direct, { name, scopes, workflows }, cliActor())).secret;
    const keys: Keys = { all: deployment.apiKey, read: await key("fuzz-read", ["read"]), ingest: await key("fuzz-ingest", ["ingest"]), restricted: await key("fuzz-restricted", ["ingest"], [restrictedWorkflow]) };
    const now = new Date();
    const world: FuzzWorld = {
      workflows: [...demoWorkflows.map((w) => w.key), ...Object.values(DRILL_WORKFLOWS)],
      cohorts: [...demoCohorts.map((c) => c.key), ...DRILL_COHORTS],
      rollouts: demoRolloutPlans.map(({ workflow, cohort }) => ({ workflow, cohort })),
      templates: defaultGateTemplates.map((t) => t.key),
      restrictedWorkflow,
      now,
      today: today(run.timezone, now),
    };
    // The run's requests are shared between its dialects, each with its own sample of the generators.
    const index = Math.max(0, run.dialects.indexOf(dialect));
    const share = Math.ceil(sizes.requests / run.dialects.length);
    const requests = fc.sample(fuzzRequest(world), { numRuns: share, seed: run.options.seed + index });

    const sent: Sent = { expected: new Map(), counter: 0 };
    const byLabel = new Map<string, { requests: number; failures: number; examples: string[]; ms: number }>();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const latencies: number[] = [];
    let timeouts = 0;
    let connectionErrors = 0;
    const withoutHeaders: string[] = [];
    log(`  fuzz: ${requests.length.toLocaleString("en-US")} generated requests (seed ${run.options.seed + index}), ${sizes.concurrency} at a time`);
    const started = performance.now();
    await pool(requests, sizes.concurrency, async (generated) => {
      const { request, items } = withUniqueIds(generated, sent);
      const stats = byLabel.get(request.label) ?? { requests: 0, failures: 0, examples: [], ms: 0 };
      byLabel.set(request.label, stats);
      stats.requests++;
      const fail = (reason: string) => {
        stats.failures++;
        failures.push(request.label);
        if (stats.examples.length < 3) stats.examples.push(`${request.method} ${request.path.slice(0, 160)}: ${reason}`);
      };
      const body = request.body ? bodyOf(request.body, request.path.split("?")[0]!) : undefined;
      let answer: Answer;
      try {
        answer = await send(deployment.baseUrl + request.path, {
          method: request.method,
          headers: headersFor(request, keys),
          ...(body ? { body: body.data, ...(body.stream ? { duplex: "half" } : {}) } : {}),
          timeoutMs: ANSWER_TIMEOUT_MS,
        } as RequestInit & { timeoutMs: number });
      } catch (error) {
        if (error instanceof TimeoutError) timeouts++;
        else connectionErrors++;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        return fail(error instanceof TimeoutError ? error.message : `no answer: ${(error as Error).message} ${cause?.code ?? cause?.message ?? ""}`);
      }
      latencies.push(answer.ms);
      stats.ms += answer.ms;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const problem = judge(request, answer, sent, items);
      if (problem) fail(problem);
      const missing = missingSecurityHeaders(answer);
      if (missing.length > 0) withoutHeaders.push(`${request.method} ${request.path.slice(0, 100)} → ${answer.status} lacks ${missing.join(", ")}`);
    });
    const seconds = (performance.now() - started) / 1000;
    const slowest = [...byLabel].sort(([, a], [, b]) => b.ms - a.ms).slice(0, 6);
    log(`  fuzz: ${seconds.toFixed(0)} s; most server time: ${slowest.map(([label, s]) => `${label} ${(s.ms / 1000).toFixed(1)} s/${s.requests}`).join(", ")}`);

    await formulaInjection(deployment, figures);
    const health = await send(`${deployment.baseUrl}/api/health`);
    const unhandled = deployment.unhandledErrors();

    // What the database holds now: exactly the valid events that were acknowledged, as sent; no registry changes.
    const db = deployment.open();
    const rows = await db.sql.query<Record<string, unknown>>(`SELECT * FROM "Event"`);
    const registry = { workflows: new Set(world.workflows), cohorts: new Set(world.cohorts) };
    const invalidStored = rows.flatMap((row) => {
      const problems = storedRowProblems(row, registry.workflows, registry.cohorts);
      return problems.length ? [`${String(row.id).slice(0, 60)}: ${problems.join(", ")}`] : [];
    });
    const unexpected = rows.filter((row) => !sent.expected.has(keyOf(row)));
    const changed = rows.flatMap((row) => {
      const event = sent.expected.get(keyOf(row));
      const diff = event ? differences(row, event) : [];
      return diff.length ? [`${JSON.stringify(String(row.id)).slice(0, 60)}: ${diff.join("; ")}`] : [];
    });
    const storedKeys = new Set(rows.map(keyOf));
    const missing = [...sent.expected.keys()].filter((key) => !storedKeys.has(key)).map((key) => key.slice(key.indexOf("\u0000") + 1));
    const workflows = (await db.prisma.workflow.findMany({ select: { key: true } })).map((w) => w.key).filter((k) => !registry.workflows.has(k) && k !== "formula-flow");
    const cohorts = (await db.prisma.cohort.findMany({ select: { key: true } })).map((c) => c.key).filter((k) => !registry.cohorts.has(k) && k !== "formula-cohort");
    const decisions = await db.prisma.decision.count();
    const checklist = await db.prisma.checklistItem.count();
    const templates = (await db.prisma.gateTemplate.findMany({ select: { key: true, version: true } })).filter((t) => !world.templates.includes(t.key) || t.version !== 1);
    const rollups = await rollupsAgainstRebuild(db);

    const count = (from: number, to: number) => [...statuses].filter(([s]) => s >= from && s < to).reduce((sum, [, n]) => sum + n, 0);
    figures.add("requests", requests.length);
    figures.add("generator groups", byLabel.size);
    figures.add("answered 2xx (valid input)", count(200, 300));
    figures.add("answered 4xx", count(400, 500));
    figures.add("answered 5xx", count(500, 600));
    figures.add("no answer within 10 s", timeouts);
    figures.add("connection errors", connectionErrors);
    figures.add("p99 / max answer time, ms", `${(percentile(latencies, 0.99) ?? 0).toFixed(0)} / ${Math.max(0, ...latencies).toFixed(0)}`);
    figures.add("wrong answers", failures.length);
    figures.add("valid hostile events acknowledged", sent.expected.size);
    figures.add("events stored", rows.length);
    figures.add("stored events that are malformed", invalidStored.length);
    figures.add("stored events that differ from what was sent", changed.length);
    figures.add("unhandled errors in the server log", unhandled.length);
    figures.add("answers without the security headers", withoutHeaders.length);
    figures.add("wall time, s", seconds);

    const breakdown = [...byLabel].filter(([, s]) => s.failures > 0).flatMap(([label, s]) => [`${label}: ${s.failures} of ${s.requests} wrong, e.g.`, ...s.examples.map((e) => `  ${e}`)]);
    figures.check(
      `${share.toLocaleString("en-US")} requests (${run.dialects.length > 1 ? `this dialect's share of ${sizes.requests.toLocaleString("en-US")}` : "all of them"})`,
      requests.length === share && share * run.dialects.length >= sizes.requests,
    );
    figures.check("every answer right (4xx JSON error for malformed input, never 5xx)", failures.length === 0, breakdown.join("\n"));
    figures.check("no hang (every answer within 10 s)", timeouts === 0);
    figures.check("nothing malformed stored", invalidStored.length === 0 && unexpected.length === 0, [...invalidStored, ...unexpected.map((r) => `unexpected ${String(r.id)}`)].slice(0, 5).join("\n"));
    figures.check("valid events stored exactly as sent", changed.length === 0 && missing.length === 0, [...changed, ...missing.map((id) => `missing ${JSON.stringify(id)}`)].slice(0, 5).join("\n"));
    figures.check("registry, decisions and checklist untouched", workflows.length + cohorts.length + decisions + checklist + templates.length === 0, JSON.stringify({ workflows, cohorts, decisions, checklist, templates }));
    figures.check("rollups equal a rebuild", rollups.mismatched === 0, rollups.details.join("\n"));
    figures.check("server healthy afterwards", health.status === 200);
    figures.check("every answer carries the security headers", withoutHeaders.length === 0, withoutHeaders.slice(0, 5).join("\n"));
    figures.check("no unhandled error in the server log", unhandled.length === 0, unhandled.slice(0, 5).join("\n"));
  } finally {
    await unwindCleanups(mark);
  }
}
