// What every derivation shares: the outcome of reading one record (events, a skip with its reason, or an error),
// the directory lookup it is given, and the source's mapping rules (the first rule whose fields all match wins).
import type { IncomingEvent } from "@/lib/contract/event";
import type { MatchField, SourceInput } from "@/lib/contract/sources";
import type { OUTPUT_KINDS } from "@/lib/contract/vocabulary";

/** Why a record gives no events. Each is counted in the import summary, with examples. */
export const SKIP_REASONS = ["not_copilot", "maker_test", "system_agent", "unmapped", "no_cohort", "unengaged", "design_mode"] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export const SKIP_REASON_LABELS: Record<SkipReason, string> = {
  not_copilot: "not a CopilotInteraction record",
  maker_test: "the maker's test pane, not people at work",
  system_agent: "a system agent (all-zero AgentId)",
  unmapped: "no rule of the source matches",
  no_cohort: "no cohort: neither the rule nor the directory places the user",
  unengaged: "unengaged session",
  design_mode: "design-mode conversation (the maker's test canvas)",
};

/** What the source's rules matched on, kept for a skipped record so the admin can see which rules to add. */
export type MatchFacts = Partial<Record<MatchField, string | null>>;

export type Derivation =
  | { events: IncomingEvent[] }
  | { skip: SkipReason; facts?: MatchFacts }
  | { error: string };

export interface DeriveContext {
  source: SourceInput;
  /** The cohort the directory puts a person (lower-cased UPN or object id) in at an instant; null when unknown. */
  cohortOf: (person: string, at: Date) => string | null;
}

export interface Mapping {
  workflow: string;
  outputKind: (typeof OUTPUT_KINDS)[number];
  /** Fixed by the rule or the source; undefined when the directory decides. */
  cohort?: string;
}

const comparable = (value: string) => value.trim().toLowerCase();

interface CompiledRule {
  /** The rule's given fields, trimmed and lower-cased once. */
  fields: [MatchField, string][];
  mapping: Mapping;
}

/** Each source's rules, compiled once: an import maps every record of a file through the same rules. */
const compiledRules = new WeakMap<SourceInput, CompiledRule[]>();

function rulesOf(source: SourceInput): CompiledRule[] {
  let rules = compiledRules.get(source);
  if (!rules) {
    rules = (source.workflows ?? []).map((rule) => ({
      fields: (Object.entries(rule.match).filter(([, value]) => value !== undefined) as [MatchField, string][]).map(([name, value]) => [name, comparable(value)]),
      mapping: { workflow: rule.workflow, outputKind: rule.outputKind, cohort: rule.cohort ?? source.cohort },
    }));
    compiledRules.set(source, rules);
  }
  return rules;
}

/** The workflow a record goes to: the source's own, or the first rule whose every given field equals the record's. */
export function mapRecord(source: SourceInput, facts: MatchFacts): Mapping | null {
  if (source.workflow !== undefined) return { workflow: source.workflow, outputKind: source.outputKind!, cohort: source.cohort };
  const values: MatchFacts = {};
  const value = (name: MatchField) => {
    if (!(name in values)) {
      const fact = facts[name];
      values[name] = fact === null || fact === undefined ? null : comparable(fact);
    }
    return values[name];
  };
  for (const rule of rulesOf(source)) if (rule.fields.every(([name, expected]) => value(name) === expected)) return { ...rule.mapping };
  return null;
}

/** A text field, trimmed; null when absent or empty. */
export function text(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}
