// Applies a program document idempotently: entries are created or updated to match the file, entries the file
// does not mention are kept (history and events refer to them), and a changed gate template becomes a new version
// (alert rules, which have no key, are replaced as a whole: lib/alerts/program.ts).
// The document is validated as a whole first; a bad document changes nothing.
import { UserFacingError } from "@/lib/errors";
import type { Database } from "@/lib/db/database";
import { inTransaction } from "@/lib/db/transaction";
import { readRegistry, type StoredRegistry } from "@/lib/db/queries/readRegistry";
import { saveWorkflow } from "@/lib/db/queries/saveWorkflow";
import { saveCohort } from "@/lib/db/queries/saveCohort";
import { saveDirectoryMap } from "@/lib/db/queries/saveDirectoryMap";
import { saveSource } from "@/lib/db/queries/saveSource";
import { saveRollout } from "@/lib/db/queries/saveRollout";
import { readReviewContentDays, saveReviewContentDays } from "@/lib/db/queries/reviewContentDaysSetting";
import { addGateTemplateVersion } from "@/lib/db/queries/addGateTemplateVersion";
import { fieldErrors, type FieldError } from "@/lib/contract/common";
import { ERROR_CATEGORIES, PHASES } from "@/lib/contract/vocabulary";
import { programSchema, type GateTemplateInput, type Program } from "@/lib/contract/program";
import { appendAudit, type Actor } from "@/lib/audit/audit";
import { alertErrors, applyAlerts, type AlertChanges } from "@/lib/alerts/program";
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

export interface ApplySummary extends AlertChanges {
  workflows: ChangeCount;
  cohorts: ChangeCount;
  rollouts: ChangeCount;
  gates: ChangeCount;
  sources: ChangeCount;
  /** Columns of the directory mapping. */
  directory: ChangeCount;
  /** The one `reviewContentDays` setting. */
  reviewContentDays: ChangeCount;
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

/** What makes a document that passed the contract invalid: duplicates, unknown references, impossible gates. */
function programErrors(program: Program, registry: StoredRegistry): FieldError[] {
  const workflows = new Set([...registry.workflows.keys(), ...program.workflows.map((w) => w.key)]);
  const cohorts = new Set([...registry.cohorts.keys(), ...program.cohorts.map((c) => c.key)]);
  return [
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
    ...alertErrors(program.alerts, workflows, new Set(registry.alertChannels.keys())),
  ];
}

/** The stored values of the fields a document sets: what an update replaced. */
function pick(stored: object, wanted: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(wanted).map((field) => [field, (stored as Record<string, unknown>)[field] ?? null]));
}

function sameFields(stored: object, wanted: object): boolean {
  return Object.entries(wanted).every(([field, value]) => ((stored as Record<string, unknown>)[field] ?? null) === (value ?? null));
}

export async function applyProgram(db: Database, document: unknown, actor: Actor): Promise<ApplySummary> {
  const parsed = programSchema.safeParse(document);
  if (!parsed.success) throw new ProgramError(fieldErrors(parsed.error));
  const program = parsed.data;
  const count = (): ChangeCount => ({ created: 0, updated: 0, unchanged: 0 });
  const summary = { workflows: count(), cohorts: count(), rollouts: count(), gates: count(), sources: count(), directory: count(), reviewContentDays: count(), alertChannels: count(), alertRules: count() };

  // What the audit record keeps: each created or changed entry as it was and as it became.
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const note = (name: string, was: unknown, now: unknown) => {
    before[name] = was ?? null;
    after[name] = now;
  };
  /** Creates or updates an entry as the document has it; one equal to the stored entry is left alone. */
  const apply = async <T extends object>(kind: "workflows" | "cohorts" | "rollouts", name: string, stored: object | undefined, wanted: T, save: (entry: T) => Promise<void>) => {
    if (stored && sameFields(stored, wanted)) {
      summary[kind].unchanged++;
      return;
    }
    note(`${kind}/${name}`, stored ? pick(stored, wanted) : null, wanted);
    await save(wanted);
    summary[kind][stored ? "updated" : "created"]++;
  };

  await inTransaction(db, async (tx) => {
    const registry = await readRegistry(tx);
    const errors = programErrors(program, registry);
    if (errors.length) throw new ProgramError(errors);
    for (const workflow of program.workflows) {
      await apply("workflows", workflow.key, registry.workflows.get(workflow.key), workflow, (entry) => saveWorkflow(tx, entry));
    }
    for (const cohort of program.cohorts) {
      const entry = { ...cohort, size: cohort.size ?? null };
      await apply("cohorts", cohort.key, registry.cohorts.get(cohort.key), entry, (e) => saveCohort(tx, e));
    }
    for (const rollout of program.rollouts) {
      const { review, ...fields } = rollout;
      const entry = {
        ...fields,
        startedAt: rollout.startedAt ?? null,
        baselineCycleTimeP50Ms: rollout.baselineCycleTimeP50Ms ?? null,
        reviewRate: review?.rate ?? null,
        reviewDoubleRate: review?.doubleRate ?? null,
      };
      const name = `${rollout.workflow}/${rollout.cohort}`;
      await apply("rollouts", name, registry.rollouts.get(name), entry, (e) => saveRollout(tx, e));
    }
    for (const gate of program.gates) {
      const definition = JSON.stringify(gate);
      const latest = registry.gates.get(gate.key);
      if (latest?.definition === definition) {
        summary.gates.unchanged++;
        continue;
      }
      const version = (latest?.version ?? 0) + 1;
      await addGateTemplateVersion(tx, gate.key, version, definition);
      note(`gates/${gate.key}`, latest ? { version: latest.version, ...(JSON.parse(latest.definition) as object) } : null, { version, ...gate });
      if (latest) summary.gates.updated++;
      else summary.gates.created++;
    }
    for (const source of program.sources) {
      const definition = JSON.stringify(source);
      const stored = registry.sources.get(source.key);
      if (stored?.definition === definition) summary.sources.unchanged++;
      else {
        await saveSource(tx, { key: source.key, type: source.type, definition });
        note(`sources/${source.key}`, stored ? JSON.parse(stored.definition) : null, source);
        summary.sources[stored ? "updated" : "created"]++;
      }
    }
    // Columns are matched case-insensitively, as the people CSV's header is.
    for (const [name, values] of Object.entries(program.directory)) {
      const column = name.toLowerCase();
      const cohorts = JSON.stringify(values);
      const stored = registry.directoryMaps.get(column);
      if (stored?.cohorts === cohorts) summary.directory.unchanged++;
      else {
        await saveDirectoryMap(tx, { column, cohorts });
        note(`directory/${column}`, stored ? JSON.parse(stored.cohorts) : null, values);
        summary.directory[stored ? "updated" : "created"]++;
      }
    }
    if (program.reviewContentDays !== undefined) {
      const stored = await readReviewContentDays(tx);
      if (stored === program.reviewContentDays) summary.reviewContentDays.unchanged++;
      else {
        await saveReviewContentDays(tx, program.reviewContentDays);
        note("reviewContentDays", stored, program.reviewContentDays);
        summary.reviewContentDays[stored === null ? "created" : "updated"]++;
      }
    }
    Object.assign(summary, await applyAlerts(tx, program.alerts, note));
    if (Object.keys(after).length > 0) await appendAudit(tx, actor, { action: "program.apply", target: null, before, after });
  });
  const changed = Object.values(summary).some((c) => c.created + c.updated > 0);
  return { ...summary, changed };
}
