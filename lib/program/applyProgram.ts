// Applies a program document idempotently: entries are created or updated to match the file, entries the file
// does not mention are kept (history and events refer to them), and a changed gate template becomes a new version.
// The document is validated as a whole first; a bad document changes nothing.
import { UserFacingError } from "@/lib/errors";
import type { Database } from "@/lib/db/database";
import { fieldErrors, type FieldError } from "@/lib/contract/common";
import { ERROR_CATEGORIES, PHASES } from "@/lib/contract/vocabulary";
import { programSchema, type GateTemplateInput, type Program } from "@/lib/contract/program";
import { appendAudit, type Actor } from "@/lib/audit/audit";
import { sourceErrors } from "@/lib/sources/validate";

export class ProgramError extends UserFacingError {
  constructor(readonly errors: FieldError[]) {
    super(`The program document is invalid:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join("\n")}`);
  }
}

export interface ChangeCount {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplySummary {
  workflows: ChangeCount;
  cohorts: ChangeCount;
  rollouts: ChangeCount;
  gates: ChangeCount;
  sources: ChangeCount;
  /** Columns of the directory mapping. */
  directory: ChangeCount;
  changed: boolean;
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, path: string, label: string): FieldError[] {
  const seen = new Set<string>();
  return items.flatMap((item, i) => {
    const k = key(item);
    if (seen.has(k)) return [{ path: `${path}[${i}]`, message: `duplicate ${label} "${k}"` }];
    seen.add(k);
    return [];
  });
}

function gateErrors(gate: GateTemplateInput, i: number): FieldError[] {
  const errors: FieldError[] = [];
  if (PHASES.indexOf(gate.to) !== PHASES.indexOf(gate.from) + 1) {
    errors.push({ path: `gates[${i}].to`, message: `must be the phase after "${gate.from}"` });
  }
  gate.criteria.forEach((criterion, j) => {
    const category = /^incidents\.(.+)$/.exec(criterion.metric)?.[1];
    if (category && category !== "severity1" && !(ERROR_CATEGORIES as readonly string[]).includes(category)) {
      errors.push({ path: `gates[${i}].criteria[${j}].metric`, message: `unknown incident category "${category}"` });
    }
  });
  return errors;
}

/** Validates a document against the contract and the registry already stored. */
export async function validateProgram(db: Database, document: unknown): Promise<Program> {
  const parsed = programSchema.safeParse(document);
  if (!parsed.success) throw new ProgramError(fieldErrors(parsed.error));
  const program = parsed.data;
  const [storedWorkflows, storedCohorts] = await Promise.all([
    db.prisma.workflow.findMany({ select: { key: true } }),
    db.prisma.cohort.findMany({ select: { key: true } }),
  ]);
  const workflows = new Set([...storedWorkflows.map((w) => w.key), ...program.workflows.map((w) => w.key)]);
  const cohorts = new Set([...storedCohorts.map((c) => c.key), ...program.cohorts.map((c) => c.key)]);
  const errors = [
    ...duplicates(program.workflows, (w) => w.key, "workflows", "workflow key"),
    ...duplicates(program.cohorts, (c) => c.key, "cohorts", "cohort key"),
    ...duplicates(program.rollouts, (r) => `${r.workflow}/${r.cohort}`, "rollouts", "rollout"),
    ...duplicates(program.gates, (g) => g.key, "gates", "gate key"),
    ...program.rollouts.flatMap((r, i) => [
      ...(workflows.has(r.workflow) ? [] : [{ path: `rollouts[${i}].workflow`, message: `unknown workflow "${r.workflow}"` }]),
      ...(cohorts.has(r.cohort) ? [] : [{ path: `rollouts[${i}].cohort`, message: `unknown cohort "${r.cohort}"` }]),
    ]),
    ...program.gates.flatMap(gateErrors),
    ...duplicates(program.sources, (s) => s.key, "sources", "source key"),
    ...sourceErrors(program, workflows, cohorts),
  ];
  if (errors.length) throw new ProgramError(errors);
  return program;
}

/** The stored values of the fields a document sets: what an update replaced. */
function pick(stored: Record<string, unknown>, wanted: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(wanted).map((field) => [field, stored[field] ?? null]));
}

function sameFields(stored: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).every(([field, value]) => (stored[field] ?? null) === (value ?? null));
}

export async function applyProgram(db: Database, document: unknown, actor: Actor): Promise<ApplySummary> {
  const program = await validateProgram(db, document);
  const count = (): ChangeCount => ({ created: 0, updated: 0, unchanged: 0 });
  const summary = { workflows: count(), cohorts: count(), rollouts: count(), gates: count(), sources: count(), directory: count() };

  // What the audit record keeps: each created or changed entry as it was and as it became.
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const note = (name: string, was: unknown, now: unknown) => {
    before[name] = was ?? null;
    after[name] = now;
  };

  await db.prisma.$transaction(async (tx) => {
    for (const workflow of program.workflows) {
      const stored = await tx.workflow.findUnique({ where: { key: workflow.key } });
      if (!stored) {
        await tx.workflow.create({ data: workflow });
        note(`workflows/${workflow.key}`, null, workflow);
        summary.workflows.created++;
      } else if (!sameFields(stored, workflow)) {
        note(`workflows/${workflow.key}`, pick(stored, workflow), workflow);
        await tx.workflow.update({ where: { key: workflow.key }, data: workflow });
        summary.workflows.updated++;
      } else summary.workflows.unchanged++;
    }
    for (const cohort of program.cohorts) {
      const data = { ...cohort, size: cohort.size ?? null };
      const stored = await tx.cohort.findUnique({ where: { key: cohort.key } });
      if (!stored) {
        await tx.cohort.create({ data });
        note(`cohorts/${cohort.key}`, null, data);
        summary.cohorts.created++;
      } else if (!sameFields(stored, data)) {
        note(`cohorts/${cohort.key}`, pick(stored, data), data);
        await tx.cohort.update({ where: { key: cohort.key }, data });
        summary.cohorts.updated++;
      } else summary.cohorts.unchanged++;
    }
    for (const rollout of program.rollouts) {
      const data = {
        ...rollout,
        startedAt: rollout.startedAt ?? null,
        baselineCycleTimeP50Ms: rollout.baselineCycleTimeP50Ms ?? null,
      };
      const where = { workflow_cohort: { workflow: rollout.workflow, cohort: rollout.cohort } };
      const stored = await tx.rollout.findUnique({ where });
      if (!stored) {
        await tx.rollout.create({ data });
        note(`rollouts/${rollout.workflow}/${rollout.cohort}`, null, data);
        summary.rollouts.created++;
      } else if (!sameFields(stored, data)) {
        note(`rollouts/${rollout.workflow}/${rollout.cohort}`, pick(stored, data), data);
        await tx.rollout.update({ where, data });
        summary.rollouts.updated++;
      } else summary.rollouts.unchanged++;
    }
    for (const gate of program.gates) {
      const definition = JSON.stringify(gate);
      const latest = await tx.gateTemplate.findFirst({ where: { key: gate.key }, orderBy: { version: "desc" } });
      if (latest?.definition === definition) {
        summary.gates.unchanged++;
        continue;
      }
      const version = (latest?.version ?? 0) + 1;
      await tx.gateTemplate.create({ data: { key: gate.key, version, definition } });
      note(`gates/${gate.key}`, latest ? { version: latest.version, ...(JSON.parse(latest.definition) as object) } : null, { version, ...gate });
      if (latest) summary.gates.updated++;
      else summary.gates.created++;
    }
    for (const source of program.sources) {
      const definition = JSON.stringify(source);
      const stored = await tx.source.findUnique({ where: { key: source.key } });
      if (stored?.definition === definition) summary.sources.unchanged++;
      else {
        await tx.source.upsert({ where: { key: source.key }, create: { key: source.key, type: source.type, definition }, update: { type: source.type, definition } });
        note(`sources/${source.key}`, stored ? JSON.parse(stored.definition) : null, source);
        summary.sources[stored ? "updated" : "created"]++;
      }
    }
    // Columns are matched case-insensitively, as the people CSV's header is.
    for (const [name, values] of Object.entries(program.directory)) {
      const column = name.toLowerCase();
      const cohorts = JSON.stringify(values);
      const stored = await tx.directoryMap.findUnique({ where: { column } });
      if (stored?.cohorts === cohorts) summary.directory.unchanged++;
      else {
        await tx.directoryMap.upsert({ where: { column }, create: { column, cohorts }, update: { cohorts } });
        note(`directory/${column}`, stored ? JSON.parse(stored.cohorts) : null, values);
        summary.directory[stored ? "updated" : "created"]++;
      }
    }
    if (Object.keys(after).length > 0) await appendAudit(tx, actor, { action: "program.apply", target: null, before, after });
  });
  const changed = Object.values(summary).some((c) => c.created + c.updated > 0);
  return { ...summary, changed };
}
