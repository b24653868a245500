// fast-check generators of hostile requests for every API route, each with the answer it must get. Most are
// malformed by construction (at least one invalidating mutation of a valid request); events that stay valid
// (SQL, formula and odd Unicode text in free-text fields) must be stored exactly as sent.
import fc from "fast-check";
import { CHECKLIST_ITEMS, COMPLETION_MODES, ERROR_CATEGORIES, EVENT_TYPES, OUTPUT_KINDS, PHASES, SCOPES, TIERS, VERDICTS } from "@/lib/contract/vocabulary";
import { MAX_BODY_BYTES } from "@/lib/contract/event";
import { addDays } from "@/lib/time";

export interface FuzzWorld {
  workflows: readonly string[];
  cohorts: readonly string[];
  rollouts: readonly { workflow: string; cohort: string }[];
  templates: readonly string[];
  /** The only workflow the restricted ingest key may send events for. */
  restrictedWorkflow: string;
  now: Date;
  /** Today as a local date. */
  today: string;
}

export type Auth = "all" | "read" | "ingest" | "restricted" | "none" | { header: string };

/** What a body is made of; large and deep bodies are built only when sent. */
export type Body =
  | { kind: "json"; value: unknown }
  | { kind: "text"; text: string }
  | { kind: "bytes"; bytes: number[] }
  | { kind: "deep"; depth: number; open: string; close: string; prefix: string; suffix: string }
  | { kind: "sized"; bytes: number; stream: boolean };

export type Expectation =
  /** A 4xx with a JSON error: the request is malformed. */
  | { kind: "reject" }
  /** Exactly this status, with a JSON error. */
  | { kind: "status"; status: number }
  /** POST /api/v1/events with a valid envelope: 200/207, exactly the invalid items rejected, the valid ones stored. */
  | { kind: "ingest"; items: { value: unknown; valid: boolean }[] }
  /** A well-formed request that may still name something that does not exist: a 2xx, or a 4xx with a JSON error. */
  | { kind: "answer" }
  | { kind: "health" };

export interface FuzzRequest {
  label: string;
  method: "GET" | "POST" | "PUT";
  path: string;
  auth: Auth;
  body?: Body;
  contentType?: string;
  expect: Expectation;
}

// ---------------------------------------------------------------------------------------------------------------
// Text

export const SQL_STRINGS = [
  `' OR '1'='1`,
  `'; DROP TABLE "Event"; --`,
  `" OR ""="`,
  `1; SELECT pg_sleep(30); --`,
  `') ON CONFLICT DO NOTHING; --`,
  `%' UNION SELECT "secretHash" FROM "ApiKey" --`,
  `\\'; DELETE FROM "Event" WHERE '1'='1`,
  `$1`,
  `?`,
  `' || (SELECT "value" FROM "Setting" LIMIT 1) || '`,
  `Robert'); DROP TABLE "Rollout";--`,
];
export const FORMULA_STRINGS = [`=1+1`, `=HYPERLINK("http://evil.example","x")`, `+SUM(A1:A9)`, `-2+3`, `@SUM(1,2)`, `=cmd|' /C calc'!A0`, `\t=1`, `\r=1`];
const ODD_STRINGS = ["Ünïcødé ✓", "👩‍💻", "\u202Eevil", "zero\u200Bwidth", "𝕏𝕐", "\\u0000", "<script>alert(1)</script>", "../../etc/passwd", "%00", "%s%n"];
/** Text no contract field may hold: NUL characters and lone surrogates (not valid Unicode). */
export const INVALID_TEXT = ["a\u0000b", "\u0000", "\ud800", "x\udfffy", "\udbff\ud800"];

/** Every word of the contract's vocabularies: a random "invalid" enum value must not happen to be one of them. */
const VOCABULARY = new Set<string>([...EVENT_TYPES, ...OUTPUT_KINDS, ...VERDICTS, ...COMPLETION_MODES, ...ERROR_CATEGORIES, ...TIERS, ...PHASES, ...SCOPES, ...CHECKLIST_ITEMS]);
const notVocabulary = (value: unknown) => typeof value !== "string" || !VOCABULARY.has(value);

const hasBadText = (s: string) => s.includes("\u0000") || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/** Valid free text (1..max code units) that is hostile to SQL, spreadsheets or rendering. */
export function hostileText(max: number, min = 1): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SQL_STRINGS, ...FORMULA_STRINGS, ...ODD_STRINGS) },
      { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: min, maxLength: Math.min(max, 40) }) },
      { weight: 2, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 40) }) },
      { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 20) }) },
    )
    .filter((s) => s.length >= min && s.length <= max && !hasBadText(s));
}

/** A JSON number written as raw text, which JSON.stringify cannot produce (1e309, -0, 9007199254740993). */
export const raw = (text: string) => `\u0001RAW:${text}\u0001`;
const RAW_PATTERN = /"\\u0001RAW:(.*?)\\u0001"/g;

/** JSON text of a value, with raw() placeholders replaced by their text. */
export function serialize(value: unknown): string {
  return JSON.stringify(value).replace(RAW_PATTERN, (_m, escaped: string) => JSON.parse(`"${escaped}"`) as string);
}

const TOO_LONG = (max: number) => fc.oneof(fc.constant("x".repeat(max + 1)), fc.constant("é".repeat(max + 1)), fc.constant("y".repeat(100_000)));
const WRONG_STRING_TYPES: unknown[] = [0, 1.5, true, false, null, [], {}, ["a"], { a: 1 }, raw("1e309")];
const BAD_SLUGS = ["Ticket-Triage", "ticket triage", "ticket_triage", "-a", "a-", "a--b", "a".repeat(65), "", "ÄÖÜ", ...SQL_STRINGS, ...FORMULA_STRINGS, "%00", "a/b"];
const BAD_TIMESTAMPS = [
  "",
  "yesterday",
  "2026-11-02",
  "2026-11-02T10:00:00",
  "2026-13-01T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "2026-11-02T24:00:01Z",
  "2026-11-02T10:60:00Z",
  "2026-11-02T10:00:61Z",
  "1999-12-31T23:59:59Z",
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "+275760-09-13T00:00:00Z",
  "-271821-04-20T00:00:00Z",
  "2026-11-02T10:00:00+25:00",
  "2026-11-02 10:00:00Z",
  "2026-11-02T10:00:00ZZ",
  "２０２６-11-02T10:00:00Z",
  "1793613600000",
  ...SQL_STRINGS,
];
const BAD_DATES = ["", "2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "2026-1-1", "2026-01-01T00:00:00Z", "9999-99-99", "0000-00-00", "today", ...SQL_STRINGS, "%00", "2026-01-01\u0000"];
const PROTO_KEYS = ["__proto__", "constructor", "prototype"];
const UNKNOWN_KEYS = [...PROTO_KEYS, "toString", "hasOwnProperty", "valueOf", "$where", "ID", "id ", "Events", "foo", ...SQL_STRINGS.slice(0, 3)];

/** An object literal with an own property named `key` (also for "__proto__", which a plain assignment would not make). */
function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Whether a "__proto__" key sits anywhere in a JSON value: the contract refuses it at every depth (fc.jsonValue makes some). */
function holdsProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsProtoKey);
  if (value === null || typeof value !== "object") return false;
  return Object.keys(value).some((key) => key === "__proto__" || holdsProtoKey((value as Record<string, unknown>)[key]));
}

function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

type Mutation = (event: Record<string, unknown>) => Record<string, unknown> | unknown;

const TYPE_FIELDS: Record<string, string[]> = {
  output: ["outputKind"],
  review: ["verdict"],
  escalation: [],
  completion: ["mode", "durationMs"],
  incident: ["category", "severity"],
};
/** The fields only events of this type have ("constructor" and the like are types too, after a mutation). */
const typeFields = (type: unknown) => (Object.hasOwn(TYPE_FIELDS, String(type)) ? TYPE_FIELDS[String(type)]! : []);
const REQUIRED = ["id", "type", "workflow", "cohort", "taskId", "occurredAt"];
const STRING_FIELDS = ["id", "type", "workflow", "cohort", "taskId", "occurredAt", "actor", "agentVersion", "outputKind", "verdict", "errorCategory", "reason", "mode", "category"];
const LIMITS: Record<string, number> = { id: 128, taskId: 128, actor: 256, agentVersion: 64, reason: 500 };

function validEvent(world: FuzzWorld): fc.Arbitrary<Record<string, unknown>> {
  const nowMs = world.now.getTime();
  const timestamp = fc.tuple(fc.integer({ min: 60_000, max: 60 * 86_400_000 }), fc.constantFrom("Z", "+01:00", "-05:00", "+05:30", ".123Z", ".123456Z")).map(
    ([ago, zone]) => {
      const iso = new Date(nowMs - ago).toISOString(); // …T10:00:00.000Z
      if (zone === "Z") return iso.replace(/\.\d{3}Z$/, "Z");
      if (zone.startsWith(".")) return iso.replace(/\.\d{3}Z$/, zone);
      // The same instant written with an offset.
      const sign = zone[0] === "+" ? 1 : -1;
      const [h, m] = zone.slice(1).split(":").map(Number) as [number, number];
      const local = new Date(nowMs - ago + sign * (h * 60 + m) * 60_000).toISOString().replace(/\.\d{3}Z$/, "");
      return local + zone;
    },
  );
  const properties = fc
    .dictionary(
      fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom("constructor", "prototype", "toString", "valueOf", ...SQL_STRINGS.slice(0, 2), ...FORMULA_STRINGS.slice(0, 2))),
      fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText(60)),
      { maxKeys: 6, noNullPrototype: true },
    )
    .filter((p) => !holdsProtoKey(p) && Buffer.byteLength(JSON.stringify(p)) <= 8 * 1024);
  return fc
    .record({
      type: fc.constantFrom("output", "review", "escalation", "completion", "incident"),
      workflow: fc.constantFrom(...world.workflows),
      cohort: fc.constantFrom(...world.cohorts),
      idPrefix: hostileText(100),
      taskId: hostileText(128),
      occurredAt: timestamp,
      actor: fc.option(hostileText(256), { nil: undefined }),
      agentVersion: fc.option(hostileText(64), { nil: undefined }),
      properties: fc.option(properties, { nil: undefined }),
      outputKind: fc.constantFrom(...OUTPUT_KINDS),
      verdict: fc.constantFrom(...VERDICTS),
      errorCategory: fc.option(fc.constantFrom(...ERROR_CATEGORIES), { nil: undefined }),
      reason: fc.option(hostileText(500, 0), { nil: undefined }),
      mode: fc.constantFrom(...COMPLETION_MODES),
      durationMs: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constantFrom(raw("-0"), raw("1e3"), raw("1.0"))),
      category: fc.constantFrom(...ERROR_CATEGORIES),
      severity: fc.constantFrom(1, 2, 3, raw("1.0")),
    })
    .map((r) => {
      const event: Record<string, unknown> = { id: r.idPrefix, type: r.type, workflow: r.workflow, cohort: r.cohort, taskId: r.taskId, occurredAt: r.occurredAt };
      if (r.actor !== undefined) event.actor = r.actor;
      if (r.agentVersion !== undefined) event.agentVersion = r.agentVersion;
      if (r.properties !== undefined) event.properties = r.properties;
      if (r.type === "output") event.outputKind = r.outputKind;
      if (r.type === "review") Object.assign(event, { verdict: r.verdict }, r.errorCategory ? { errorCategory: r.errorCategory } : {});
      if (r.type === "escalation" && r.reason !== undefined) event.reason = r.reason;
      if (r.type === "completion") Object.assign(event, { mode: r.mode, durationMs: r.durationMs });
      if (r.type === "incident") Object.assign(event, { category: r.category, severity: r.severity });
      return event;
    });
}

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const presentField = (event: Record<string, unknown>, choice: number, fields: readonly string[]) => {
  const present = fields.filter((f) => f in event);
  return present[choice % Math.max(1, present.length)] ?? "id";
};

/** Mutations after which an event is certainly invalid. */
function invalidatingMutation(world: FuzzWorld): fc.Arbitrary<Mutation> {
  const deepValue = (depth: number) => raw("[".repeat(depth) + "]".repeat(depth));
  return fc.oneof(
    fc.nat().map((n): Mutation => (e) => {
      const fields = [...REQUIRED, ...typeFields(e.type)];
      return without(e, fields[n % fields.length]!);
    }),
    fc.tuple(fc.nat(), pick(WRONG_STRING_TYPES)).map(([n, value]): Mutation => (e) => ({ ...e, [presentField(e, n, STRING_FIELDS)]: value })),
    fc.tuple(fc.nat(), pick(Object.keys(LIMITS)), fc.nat()).chain(([, field]) => TOO_LONG(LIMITS[field]!).map((text): Mutation => (e) => ({ ...e, [field]: text }))),
    pick(["id", "taskId", "actor", "agentVersion"]).map((field): Mutation => (e) => ({ ...e, [field]: "" })),
    fc.tuple(pick(["id", "taskId", "actor", "agentVersion", "reason"]), pick(INVALID_TEXT)).map(([field, text]): Mutation => (e) => ({ ...e, [field]: `${text}` })),
    fc
      .tuple(pick(["type", "outputKind", "verdict", "errorCategory", "mode", "category"]), fc.oneof(pick(["", "OUTPUT", "accepted ", "__proto__", "constructor", "toString", "hasOwnProperty"]), hostileText(30)).filter(notVocabulary))
      .map(([field, value]): Mutation => (e) => ({ ...e, [field]: value })),
    pick([0, 4, -1, 1.5, "1", raw("1e309"), null, true]).map((value): Mutation => (e) => ({ ...e, type: "incident", category: "other", severity: value })),
    fc.tuple(pick(["workflow", "cohort"]), fc.oneof(pick(BAD_SLUGS), fc.nat().map((n) => `no-such-key-${n}`))).map(([field, value]): Mutation => (e) => ({ ...e, [field]: value })),
    fc.oneof(pick(BAD_TIMESTAMPS), pick([null, 1793613600000, true, raw("1e309")]), fc.constant(new Date(world.now.getTime() + 86_400_000).toISOString())).map(
      (value): Mutation => (e) => ({ ...e, occurredAt: value }),
    ),
    pick([raw("1e309"), raw("-1e309"), -1, 1.5, raw("1e300"), raw("9007199254740993"), "100", null]).map(
      (value): Mutation => (e) => ({ ...e, type: "completion", mode: "agent", durationMs: value, outputKind: undefined }),
    ),
    fc.tuple(pick(UNKNOWN_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([key, value]): Mutation => (e) => withKey(e, key, value ?? 1)),
    pick(["outputKind", "verdict", "mode", "category"]).map((field): Mutation => (e) => ({ ...e, ...(e.type === "output" && field === "outputKind" ? { verdict: "accepted" } : { [field]: "x" }) })),
    fc
      .oneof(
        pick<unknown>([[], "text", 1, null, true, [{ a: 1 }]]),
        fc.constant({ note: "x".repeat(8300) }),
        fc.constant(withKey({ a: 1 }, "__proto__", { polluted: "yes" })),
        fc.constant({ a: withKey({}, "__proto__", { polluted: "yes" }) }),
        fc.constant({ list: [withKey({ b: 1 }, "__proto__", { isAdmin: true })] }),
        pick([10_000, 100_000]).map((depth) => ({ deep: deepValue(depth) })),
        fc.constant({ deep: raw('{"a":'.repeat(2000) + "1" + "}".repeat(2000)) }),
      )
      .map((value): Mutation => (e) => ({ ...e, properties: value })),
    pick<unknown>([0, "event", null, true, [], ["x"], raw("[".repeat(100_000) + "]".repeat(100_000))]).map((value): Mutation => () => value),
  );
}

function eventItem(world: FuzzWorld): fc.Arbitrary<{ value: unknown; valid: boolean }> {
  return fc.oneof(
    { weight: 2, arbitrary: validEvent(world).map((value) => ({ value: value as unknown, valid: true })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(validEvent(world), fc.array(invalidatingMutation(world), { minLength: 1, maxLength: 3 }))
        .map(([event, mutations]) => ({ value: mutations.reduce<unknown>((e, m) => (e && typeof e === "object" && !Array.isArray(e) ? m(e as Record<string, unknown>) : e), event), valid: false })),
    },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80]];

function eventsRequests(world: FuzzWorld): fc.Arbitrary<FuzzRequest>[] {
  const post = (label: string, body: Body, expect: Expectation, auth: Auth = "all"): FuzzRequest => ({ label, method: "POST", path: "/api/v1/events", auth, body, expect });
  const validBody = fc.array(validEvent(world), { minLength: 1, maxLength: 3 }).map((events) => serialize({ events }));
  const items = fc.array(eventItem(world), { minLength: 1, maxLength: 12 });
  return [
    // Valid envelopes with a mix of valid and invalid items, through an all-workflows key or one restricted to one workflow.
    fc.tuple(items, fc.boolean()).map(([list, restricted]) =>
      post(
        restricted ? "events: items (restricted key)" : "events: items",
        { kind: "json", value: { events: list.map((i) => i.value) } },
        { kind: "ingest", items: list.map((i) => ({ value: i.value, valid: i.valid && (!restricted || (i.value as { workflow?: unknown }).workflow === world.restrictedWorkflow) })) },
        restricted ? "restricted" : "all",
      ),
    ),
    fc.string({ unit: "binary", maxLength: 300 }).map((text) => post("events: random text", { kind: "text", text }, { kind: "reject" })),
    fc.jsonValue({ maxDepth: 4 }).filter((v) => !(v && typeof v === "object" && !Array.isArray(v) && "events" in v)).map((value) => post("events: random JSON", { kind: "json", value }, { kind: "reject" })),
    fc.tuple(validBody, fc.nat()).map(([body, n]) => post("events: truncated JSON", { kind: "text", text: body.slice(0, n % body.length) }, { kind: "reject" })),
    fc.tuple(validBody, fc.nat(), pick(INVALID_UTF8)).map(([body, n, bad]) => {
      // Inside the first string value, so the bytes are otherwise well-formed JSON.
      const bytes = [...Buffer.from(body, "utf8")];
      const at = body.indexOf('":"') + 3 + (n % 3);
      return post("events: invalid UTF-8", { kind: "bytes", bytes: [...bytes.slice(0, at), ...bad, ...bytes.slice(at)] }, { kind: "reject" });
    }),
    fc
      .oneof(
        pick<unknown>([[], {}, "x", null, 1, true]).map((events) => ({ events })),
        validEvent(world).map((e) => ({ events: [e], extra: 1 })),
        validEvent(world).map((e) => withKey({ events: [e] }, "__proto__", { polluted: "yes" })),
        validEvent(world).map((e) => withKey({ events: [e] }, "constructor", { prototype: { polluted: "yes" } })),
        validEvent(world).map((e) => ({ Events: [e] })),
        validEvent(world).map((e) => [{ events: [e] }]),
        fc.constant({ events: Array.from({ length: 1001 }, (_, i) => ({ id: `e${i}` })) }),
      )
      .map((value) => post("events: bad envelope", { kind: "json", value }, { kind: "reject" })),
    pick([
      { depth: 100_000, open: "[", close: "", prefix: "", suffix: "" },
      { depth: 100_000, open: "[", close: "]", prefix: "", suffix: "" },
      { depth: 50_000, open: '{"a":', close: "", prefix: "", suffix: "" },
      { depth: 50_000, open: '{"a":', close: "}", prefix: "", suffix: "" },
      { depth: 100_000, open: "[", close: "", prefix: '{"events":[', suffix: "]}" },
    ]).map((deep) => post(`events: nested ${deep.depth} deep`, { kind: "deep", ...deep }, { kind: "reject" })),
    // A well-formed envelope whose one item is an array nested 100,000 deep: the item is rejected (207).
    fc.constant(post("events: item nested 100000 deep", { kind: "deep", depth: 100_000, open: "[", close: "]", prefix: '{"events":', suffix: "}" }, { kind: "status", status: 207 })),
    pick([true, false]).map((stream) => post(`events: ${MAX_BODY_BYTES} bytes${stream ? " chunked" : ""}`, { kind: "sized", bytes: MAX_BODY_BYTES, stream }, { kind: "status", status: 207 })),
    pick([true, false]).map((stream) => post(`events: ${MAX_BODY_BYTES + 1} bytes${stream ? " chunked" : ""}`, { kind: "sized", bytes: MAX_BODY_BYTES + 1, stream }, { kind: "status", status: 413 })),
    fc.constant(post("events: empty body", { kind: "text", text: "" }, { kind: "reject" })),
  ];
}

/** A valid query for each read route and the mutations that make it invalid. */
interface QueryRoute {
  label: string;
  path: string;
  valid: fc.Arbitrary<Record<string, string>>;
  invalid: fc.Arbitrary<(q: Record<string, string>) => Record<string, string>>[];
  /** Well-formed keys that name nothing: a 4xx, or for a list an empty 200. */
  unknown: string[];
  /** The key it is read with: the all-scopes key, or a read-only one (as the dashboard's readers and reporting tools). */
  auth: "all" | "read";
}

function queryRoutes(world: FuzzWorld): QueryRoute[] {
  const window = fc.tuple(fc.integer({ min: -400, max: 30 }), fc.integer({ min: 1, max: 120 })).map(([start, days]) => {
    const from = addDays(world.today, start);
    return { from, to: addDays(from, days) };
  });
  const slugMutation = (field: string) => pick(BAD_SLUGS).map((value) => (q: Record<string, string>) => ({ ...q, [field]: value }));
  const drop = (field: string) => fc.constant((q: Record<string, string>) => without(q, field) as Record<string, string>);
  const dateMutation = (field: string) => pick(BAD_DATES).map((value) => (q: Record<string, string>) => ({ ...q, [field]: value }));
  // Not "__proto__": Next.js drops that query parameter before the route sees it (a request with it is simply valid).
  const unknownKey = fc
    .tuple(pick(UNKNOWN_KEYS.filter((k) => k !== "__proto__")), hostileText(20))
    .map(([key, value]) => (q: Record<string, string>) => withKey(q, key, value) as Record<string, string>);
  const windowMutations = [
    dateMutation("from"),
    dateMutation("to"),
    // Reversed (idempotent, so two of these in a chain cannot cancel out).
    fc.constant((q: Record<string, string>) => {
      const [early, late] = [q.from ?? "", q.to ?? ""].sort();
      return { ...q, from: late!, to: early! };
    }),
    fc.constant((q: Record<string, string>) => ({ ...q, to: q.from! })),
    fc.integer({ min: 801, max: 100_000 }).map((days) => (q: Record<string, string>) => {
      let from = q.from ?? world.today;
      try {
        addDays(from, 0);
      } catch {
        from = world.today; // an earlier mutation made `from` malformed
      }
      return { ...q, from, to: addDays(from, days) };
    }),
  ];
  const agentVersion = fc.option(hostileText(64), { nil: undefined });
  // A URL cannot carry a lone surrogate (it is sent as U+FFFD), only NUL (%00).
  const badAgentVersion = fc
    .oneof(fc.constant(""), fc.constant("v".repeat(65)), pick(INVALID_TEXT.filter((t) => t.includes("\u0000"))))
    .map((value) => (q: Record<string, string>) => ({ ...q, agentVersion: value }));
  const defined = (q: Record<string, string | undefined>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const metricsValid = fc
    .tuple(pick(world.workflows), fc.option(pick(world.cohorts), { nil: undefined }), window, fc.option(pick(["day", "week", "total"]), { nil: undefined }), agentVersion)
    .map(([workflow, cohort, w, granularity, version]) => defined({ workflow, cohort, ...w, granularity, agentVersion: version }));
  const metricsInvalid = [slugMutation("workflow"), slugMutation("cohort"), drop("workflow"), ...windowMutations, pick(["month", "", "WEEK", ...SQL_STRINGS]).map((g) => (q: Record<string, string>) => ({ ...q, granularity: g })), badAgentVersion, unknownKey];
  const cohortsValid = fc.tuple(pick(world.workflows), window, agentVersion).map(([workflow, w, version]) => defined({ workflow, ...w, agentVersion: version }));
  const cohortsInvalid = [slugMutation("workflow"), drop("workflow"), ...windowMutations, badAgentVersion, unknownKey];
  const extremeDate = pick(["0001-01-01", "1970-01-01", "2000-02-29", "9999-12-31", world.today]);
  return [
    { label: "metrics", path: "/api/v1/metrics", valid: metricsValid, invalid: metricsInvalid, unknown: ["workflow", "cohort"], auth: "all" },
    { label: "metrics (read key)", path: "/api/v1/metrics", valid: metricsValid, invalid: metricsInvalid, unknown: ["workflow", "cohort"], auth: "read" },
    { label: "cohorts", path: "/api/v1/cohorts", valid: cohortsValid, invalid: cohortsInvalid, unknown: ["workflow"], auth: "all" },
    { label: "cohorts (read key)", path: "/api/v1/cohorts", valid: cohortsValid, invalid: cohortsInvalid, unknown: ["workflow"], auth: "read" },
    {
      label: "scorecards",
      path: "/api/v1/scorecards",
      valid: fc
        .tuple(pick(world.rollouts), fc.option(pick(world.templates), { nil: undefined }), fc.option(extremeDate, { nil: undefined }))
        .map(([r, template, asOf]) => defined({ ...r, template, asOf })),
      invalid: [slugMutation("workflow"), slugMutation("cohort"), drop("cohort"), slugMutation("template"), dateMutation("asOf"), unknownKey],
      unknown: ["workflow", "cohort", "template"],
      auth: "all",
    },
    {
      label: "decisions list",
      path: "/api/v1/decisions",
      valid: fc.tuple(pick(world.workflows), fc.option(pick(world.cohorts), { nil: undefined })).map(([workflow, cohort]) => defined({ workflow, cohort })),
      invalid: [slugMutation("workflow"), slugMutation("cohort"), drop("workflow"), unknownKey],
      unknown: ["workflow", "cohort"],
      auth: "all",
    },
    {
      label: "weekly export",
      path: "/api/v1/exports/weekly",
      valid: fc
        .tuple(fc.oneof(pick(["last", "0001-W01", "1970-W01", "2000-W01"]), fc.integer({ min: 1, max: 20 }).map((n) => isoWeek(addDays(world.today, -7 * n)))), pick(["csv", "csv", "json", "pdf"]))
        .map(([week, format]) => ({ week, format })),
      invalid: [
        pick(["", "2026-W00", "2026-W54", "2025-W53", "2026-w01", "2026W01", "9999-W01", "last ", ...SQL_STRINGS, "x".repeat(17)]).map((week) => (q: Record<string, string>) => ({ ...q, week })),
        pick(["xls", "", "CSV", "pdf ", ...FORMULA_STRINGS]).map((format) => (q: Record<string, string>) => ({ ...q, format })),
        drop("week"),
        unknownKey,
      ],
      unknown: [],
      auth: "all",
    },
  ];
}

/** ISO week label (2026-W47) of a local date. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

const query = (path: string, params: Record<string, string>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) search.append(k, v);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

/** Per route: valid requests (one weight unit; a weekly export evaluates every rollout, so it gets a third), malformed ones, unknown keys. */
function readRequests(world: FuzzWorld): { weight: number; arbitrary: fc.Arbitrary<FuzzRequest> }[] {
  return queryRoutes(world).flatMap((route) => [
    {
      weight: route.path.includes("exports") ? 1 : 3,
      arbitrary: route.valid.map((q): FuzzRequest => ({ label: `${route.label}: valid`, method: "GET", path: query(route.path, q), auth: route.auth, expect: { kind: "answer" } })),
    },
    ...(route.unknown.length === 0
      ? []
      : [
          {
            weight: 1,
            arbitrary: fc
              .tuple(route.valid, pick(route.unknown), fc.nat())
              .map(([q, field, n]): FuzzRequest => ({ label: `${route.label}: unknown key`, method: "GET", path: query(route.path, { ...q, [field]: `no-such-${n}` }), auth: route.auth, expect: { kind: "answer" } })),
          },
        ]),
    {
      weight: 3,
      arbitrary: fc
        .tuple(route.valid, fc.array(fc.oneof(...route.invalid), { minLength: 1, maxLength: 3 }))
        .map(([q, mutations]): FuzzRequest => ({
          label: `${route.label}: malformed`,
          method: "GET",
          path: query(route.path, mutations.reduce((acc, m) => m(acc), q)),
          auth: route.auth,
          expect: { kind: "reject" },
        })),
    },
  ]);
}

/** Program, checklist and decision writes; `heavy` are the large and deeply nested bodies, sent less often. */
function adminRequests(world: FuzzWorld): { common: fc.Arbitrary<FuzzRequest>[]; heavy: fc.Arbitrary<FuzzRequest>[] } {
  const owners = { businessOwner: "Fuzz", technicalOwner: "Fuzz", successMetric: "none", failureMode: "none" };
  const program = {
    workflows: [{ key: "fuzz-flow", name: "Fuzz flow", tier: "draft", ...owners }],
    cohorts: [{ key: "fuzz-cohort", name: "Fuzz cohort", department: "Fuzz", size: 10 }],
    rollouts: [{ workflow: "fuzz-flow", cohort: "fuzz-cohort", phase: "pilot", startedAt: "2026-01-05", baselineCycleTimeP50Ms: 60000 }],
    gates: [
      { key: "fuzz-gate", from: "pilot", to: "department", windowWeeks: 4, tiers: ["draft"], checklist: ["identity"], criteria: [{ metric: "precision", op: ">=", threshold: 0.9, minSample: 10 }] },
    ],
  };
  type Doc = typeof program;
  const set = (mutate: (doc: Doc & Record<string, unknown>) => void) => (doc: Doc) => {
    const copy = structuredClone(doc) as Doc & Record<string, unknown>;
    mutate(copy);
    return copy as unknown;
  };
  const programMutations: fc.Arbitrary<(doc: Doc) => unknown>[] = [
    fc.oneof(pick<unknown>(["archive", "", 1, null]), hostileText(20)).filter(notVocabulary).map((tier) => set((d) => void (d.workflows[0]!.tier = tier as string))),
    pick(BAD_SLUGS).map((key) => set((d) => void (d.workflows[0]!.key = key))),
    fc.oneof(pick<unknown>(["", "   ", "x".repeat(201), 5, null, ...INVALID_TEXT])).map((name) => set((d) => void (d.workflows[0]!.name = name as string))),
    pick<unknown>([0, -1, 1.5, "5", raw("1e309"), 10_000_001, null]).map((size) => set((d) => void (d.cohorts[0]!.size = size as number))),
    pick(["no-such-cohort", ...BAD_SLUGS]).map((cohort) => set((d) => void (d.rollouts[0]!.cohort = cohort))),
    pick(["beta", "", "PILOT"]).map((phase) => set((d) => void (d.rollouts[0]!.phase = phase))),
    pick(BAD_DATES).map((startedAt) => set((d) => void (d.rollouts[0]!.startedAt = startedAt))),
    pick<unknown>([0, -1, 2 ** 31, 1.5, "60000"]).map((baseline) => set((d) => void (d.rollouts[0]!.baselineCycleTimeP50Ms = baseline as number))),
    pick(["enterprise", "pilot"]).map((to) => set((d) => void (d.gates[0]!.to = to))),
    pick<unknown>([0, 53, 1.5, "4"]).map((weeks) => set((d) => void (d.gates[0]!.windowWeeks = weeks as number))),
    pick<unknown>([[], ["everything"], "draft"]).map((tiers) => set((d) => void (d.gates[0]!.tiers = tiers as string[]))),
    pick<unknown>([[], [{ metric: "vibes", op: ">=", threshold: 1 }], [{ metric: "precision", op: "==", threshold: 1 }], [{ metric: "precision", op: ">=", threshold: raw("1e309") }], [{ metric: "incidents.nope", op: "<=", threshold: 0 }], [{ metric: "precision", op: ">=", threshold: "0.9" }]]).map(
      (criteria) => set((d) => void (d.gates[0]!.criteria = criteria as Doc["gates"][0]["criteria"])),
    ),
    fc.tuple(pick(["workflows", "cohorts", "rollouts", "gates"] as const), pick(UNKNOWN_KEYS)).map(([section, key]) =>
      set((d) => void ((d[section] as unknown[])[0] = withKey((d[section] as Record<string, unknown>[])[0]!, key, { polluted: "yes" }))),
    ),
    pick(UNKNOWN_KEYS).map((key) => (doc: Doc) => withKey(doc as unknown as Record<string, unknown>, key, { polluted: "yes" })),
    fc.constant(set((d) => void d.workflows.push({ ...d.workflows[0]! }))),
    pick<unknown>([[], "program", null, 1, true]).map((value) => () => value),
  ];
  const checklistBody = fc.record({ status: pick(["not_started", "in_progress", "done"]), owner: fc.option(hostileText(200), { nil: undefined }), evidence: fc.option(hostileText(2000), { nil: undefined }) });
  const badChecklistBody = fc.oneof(
    pick<unknown>([{}, { status: "finished" }, { status: "done", owner: "" }, { status: "done", owner: "   " }, { status: "done", evidence: "x".repeat(2001) }, { status: "done", extra: 1 }, { status: 1 }, [], "done", null]),
    pick(INVALID_TEXT).map((owner) => ({ status: "done", owner })),
    pick(PROTO_KEYS).map((key) => withKey({ status: "done" }, key, { polluted: "yes" })),
  );
  const decision = fc.record({
    workflow: pick(world.rollouts.map((r) => r.workflow)),
    cohort: pick(world.cohorts),
    template: pick(world.templates),
    decision: pick(["go", "no_go", "extend"]),
    rationale: hostileText(200),
  });
  const decisionMutations: fc.Arbitrary<(d: Record<string, unknown>) => unknown>[] = [
    pick(["workflow", "cohort", "template", "decision", "rationale"]).map((field) => (d) => without(d, field)),
    fc.tuple(pick(["workflow", "cohort", "template", "decision", "rationale"]), pick(WRONG_STRING_TYPES)).map(([field, value]) => (d) => ({ ...d, [field]: value })),
    fc.tuple(pick(["workflow", "cohort", "template"]), fc.oneof(pick(BAD_SLUGS), fc.nat().map((n) => `no-such-${n}`))).map(([field, value]) => (d) => ({ ...d, [field]: value })),
    pick(["approve", "", "GO", "no-go"]).map((value) => (d) => ({ ...d, decision: value })),
    pick<unknown>(["", "   ", "x".repeat(5001), ...INVALID_TEXT]).map((value) => (d) => ({ ...d, rationale: value })),
    pick<unknown>(["", "  ", 5, ...INVALID_TEXT]).map((value) => (d) => ({ ...d, override: value })),
    // A decision is judged on today's scorecard: asOf is refused even as a well-formed date.
    pick([...BAD_DATES, "2026-01-05"]).map((value) => (d) => ({ ...d, asOf: value })),
    fc.tuple(pick(UNKNOWN_KEYS), fc.jsonValue({ maxDepth: 2 })).map(([key, value]) => (d) => withKey(d, key, value ?? 1)),
    pick<unknown>([[], "go", null, 7]).map((value) => () => value),
  ];
  const pathSegment = (valid: readonly string[], invalid: readonly string[]) => fc.oneof(pick(valid), pick(invalid));
  // Not "%2e%2e": the URL parser reads it as ".." and the request goes to another path (Next's HTML 404).
  const keySegments = ["no-such-flow", encodeURIComponent("'; DROP TABLE \"Workflow\"; --"), "..%2F..", "%00", "%E0%A4%A", "%", "%FF", encodeURIComponent("=1+1"), "Ticket-Triage", "a".repeat(300)];
  const itemSegments = ["IDENTITY", "unknown", "%00", "__proto__", "constructor", "toString", "%E0%A4%A", "%", encodeURIComponent("' OR 1=1 --")];
  const heavy: fc.Arbitrary<FuzzRequest>[] = [
    fc.constant<FuzzRequest>({ label: "program: over 1 MB", method: "PUT", path: "/api/v1/program", auth: "all", body: { kind: "sized", bytes: 1024 * 1024 + 1, stream: false }, expect: { kind: "status", status: 413 } }),
    pick([{ open: "[", close: "]" }, { open: '{"workflows":', close: "}" }]).map(
      (deep): FuzzRequest => ({ label: "program: nested deep", method: "PUT", path: "/api/v1/program", auth: "all", body: { kind: "deep", depth: 100_000, prefix: "", suffix: "", ...deep }, expect: { kind: "reject" } }),
    ),
    fc.constant<FuzzRequest>({ label: "decisions: nested deep", method: "POST", path: "/api/v1/decisions", auth: "all", body: { kind: "deep", depth: 100_000, open: "[", close: "]", prefix: "", suffix: "" }, expect: { kind: "reject" } }),
  ];
  const common = [
    fc
      .tuple(fc.constant(program), fc.array(fc.oneof(...programMutations), { minLength: 1, maxLength: 3 }))
      .map(([doc, mutations]): FuzzRequest => {
        // A mutation that replaced the whole document ends the chain.
        let value: unknown = doc;
        for (const m of mutations) if (value && typeof value === "object" && !Array.isArray(value) && "workflows" in value) value = m(value as Doc);
        return { label: "program: malformed", method: "PUT", path: "/api/v1/program", auth: "all", body: { kind: "json", value }, expect: { kind: "reject" } };
      }),
    fc.string({ unit: "binary", maxLength: 200 }).map((text): FuzzRequest => ({ label: "program: random text", method: "PUT", path: "/api/v1/program", auth: "all", body: { kind: "text", text }, expect: { kind: "reject" } })),
    // At least one of path key, item and body is invalid, so no checklist item ever changes.
    fc
      .tuple(pathSegment(world.workflows, keySegments), pathSegment(CHECKLIST_ITEMS, itemSegments), fc.oneof(checklistBody.map((b) => ({ value: b as unknown, valid: true })), badChecklistBody.map((b) => ({ value: b, valid: false }))))
      .filter(([key, item, body]) => !(world.workflows.includes(key) && (CHECKLIST_ITEMS as readonly string[]).includes(item) && body.valid))
      .map(([key, item, body]): FuzzRequest => ({ label: "checklist: malformed", method: "PUT", path: `/api/v1/workflows/${key}/checklist/${item}`, auth: "all", body: { kind: "json", value: body.value }, expect: { kind: "reject" } })),
    fc
      .tuple(decision, fc.array(fc.oneof(...decisionMutations), { minLength: 1, maxLength: 3 }))
      .map(([d, mutations]): FuzzRequest => {
        let value: unknown = d;
        for (const m of mutations) if (value && typeof value === "object" && !Array.isArray(value)) value = m(value as Record<string, unknown>);
        return { label: "decisions: malformed", method: "POST", path: "/api/v1/decisions", auth: "all", body: { kind: "json", value }, expect: { kind: "reject" } };
      }),
  ];
  return { common, heavy };
}

/** Wrong, missing and insufficient keys on every authenticated route. */
function authRequests(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const routes: { method: FuzzRequest["method"]; path: string; scope: "ingest" | "read" | "admin" }[] = [
    { method: "POST", path: "/api/v1/events", scope: "ingest" },
    { method: "GET", path: `/api/v1/metrics?workflow=${world.workflows[0]}&from=2026-01-01&to=2026-02-01`, scope: "read" },
    { method: "GET", path: `/api/v1/cohorts?workflow=${world.workflows[0]}&from=2026-01-01&to=2026-02-01`, scope: "read" },
    { method: "GET", path: "/api/v1/workflows", scope: "read" },
    { method: "GET", path: `/api/v1/scorecards?workflow=${world.rollouts[0]!.workflow}&cohort=${world.rollouts[0]!.cohort}`, scope: "read" },
    { method: "GET", path: `/api/v1/decisions?workflow=${world.workflows[0]}`, scope: "read" },
    { method: "GET", path: "/api/v1/exports/weekly?week=last&format=csv", scope: "read" },
    { method: "POST", path: "/api/v1/decisions", scope: "admin" },
    { method: "PUT", path: "/api/v1/program", scope: "admin" },
    { method: "PUT", path: `/api/v1/workflows/${world.workflows[0]}/checklist/identity`, scope: "admin" },
  ];
  const badHeaders = [
    "",
    "Bearer",
    "Bearer ",
    "Bearer tg_notakey",
    "Basic dXNlcjpwYXNz",
    "Bearer " + "x".repeat(8000),
    "Bearer ' OR '1'='1",
    "Bearer tg_ a",
    "Token tg_abc",
    "Bearer\ttg_abc",
    "Bearer %00",
    "Bearer tg_" + "\u00ff".repeat(20),
  ];
  return fc.tuple(pick(routes), fc.oneof(pick(badHeaders).map((header): Auth => ({ header })), fc.constant<Auth>("none"), pick<Auth>(["read", "ingest"]))).map(([route, auth]) => {
    const insufficient = (auth === "read" && route.scope !== "read") || (auth === "ingest" && route.scope !== "ingest");
    const sufficient = typeof auth === "string" && auth !== "none" && !insufficient;
    return {
      label: `auth: ${typeof auth === "string" ? auth : "bad header"} → ${route.scope}`,
      method: route.method,
      path: route.path,
      auth: sufficient ? { header: "Bearer tg_wrong" } : auth,
      body: route.method === "GET" ? undefined : { kind: "json", value: { nothing: true } },
      expect: { kind: "status", status: insufficient ? 403 : 401 },
    };
  });
}

function otherRequests(): fc.Arbitrary<FuzzRequest>[] {
  const junk = fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), pick(UNKNOWN_KEYS)), hostileText(50), { maxKeys: 4 });
  return [
    junk.map((q): FuzzRequest => ({ label: "health", method: "GET", path: query("/api/health", q), auth: "none", expect: { kind: "health" } })),
    junk.map((q): FuzzRequest => ({ label: "workflows", method: "GET", path: query("/api/v1/workflows", q), auth: "all", expect: { kind: "answer" } })),
  ];
}

/** Every generator, weighted so events and the read API get most requests, large bodies few. */
export function fuzzRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const [items, randomText, randomJson, truncated, utf8, envelope, deep, deepItem, sized, oversized, empty] = eventsRequests(world);
  const admin = adminRequests(world);
  const weighted = (weight: number, arbitraries: fc.Arbitrary<FuzzRequest>[]) => arbitraries.map((arbitrary) => ({ weight, arbitrary }));
  return fc.oneof(
    { weight: 30, arbitrary: items! },
    ...weighted(4, [randomText!, randomJson!, truncated!, utf8!, envelope!]),
    { weight: 1, arbitrary: fc.oneof(deep!, deepItem!) },
    { weight: 1, arbitrary: fc.oneof({ weight: 1, arbitrary: sized! }, { weight: 1, arbitrary: oversized! }) },
    { weight: 1, arbitrary: empty! },
    ...readRequests(world),
    ...weighted(4, admin.common),
    { weight: 1, arbitrary: fc.oneof(...admin.heavy) },
    { weight: 6, arbitrary: authRequests(world) },
    ...weighted(2, otherRequests()),
  );
}
