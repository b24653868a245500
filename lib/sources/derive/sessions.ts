// A Copilot Studio session row → an output, and an escalation when the session was escalated. Unengaged sessions
// give nothing. The export names no user, so the source fixes the cohort.
import { parseExportedTime } from "@/lib/time";
import type { SessionRecord } from "@/lib/sources/formats";
import { mapRecord, type DeriveContext, type Derivation } from "./rules";

const MAX_REASON = 500;

export function deriveSession(record: SessionRecord, { source }: DeriveContext): Derivation {
  const outcome = record.outcome.toLowerCase();
  if (outcome === "unengaged") return { skip: "unengaged" };
  const mapping = mapRecord(source, {});
  if (!mapping) return { skip: "unmapped" };
  if (!mapping.cohort) return { skip: "no_cohort" };
  const at = parseExportedTime(record.start, source.timezone ?? "UTC");
  if (!at) return { error: `StartDateTime "${record.start.slice(0, 40)}" is not a date and time` };
  const common = { workflow: mapping.workflow, cohort: mapping.cohort, taskId: record.sessionId, occurredAt: at.toISOString() };
  const output = { ...common, id: `mcs:${record.sessionId}`, type: "output" as const, outputKind: mapping.outputKind };
  if (outcome !== "escalated") return { events: [output] };
  const reason = record.topicName?.slice(0, MAX_REASON);
  return { events: [output, { ...common, id: `mcs:${record.sessionId}:escalation`, type: "escalation", ...(reason ? { reason } : {}) }] };
}
