// A Purview CopilotInteraction record (AuditData `A`) → events, exactly as the README's rules say: one output per
// response message (or one per record when it carries none), incidents for jailbreak and cross-prompt injection
// detections when the source asks for them; test-pane, system-agent, unmapped and cohort-less records skipped.
import type { IncomingEvent } from "@/lib/contract/event";
import type { AuditRecord } from "@/lib/sources/formats";
import { field, isObject } from "@/lib/sources/formats/text";
import { mapRecord, text, type DeriveContext, type Derivation } from "./rules";

/** AppHosts of the maker's test pane and builders: not people at work. */
const MAKER_HOSTS = new Set(["copilot studio", "pva-maker-evaluation", "agentic-builder"]);
const ALL_ZERO = /^[0-]+$/;

export function isCopilotInteraction(recordType: unknown): boolean {
  if (recordType === 261 || recordType === "261") return true;
  return typeof recordType === "string" && recordType.trim().toLowerCase() === "copilotinteraction";
}

/** AuditData.CreationTime is UTC, written without a zone designator. */
export function auditTime(value: unknown): Date | null {
  const time = text(value);
  if (!time || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(time)) return null;
  const instant = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(time) ? time : `${time}Z`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const objects = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The person a record is about, as the directory knows them: the lower-cased UserId. */
export function purviewPerson(record: AuditRecord): string | null {
  return text(field(record.audit, "UserId"))?.toLowerCase() ?? null;
}

export function derivePurview(record: AuditRecord, { source, cohortOf }: DeriveContext): Derivation {
  const a = record.audit;
  if (!isCopilotInteraction(record.recordType ?? field(a, "RecordType"))) return { skip: "not_copilot" };
  const id = text(field(a, "Id"));
  if (!id) return { error: "AuditData has no Id" };
  const at = auditTime(field(a, "CreationTime")) ?? auditTime(record.createdDateTime);
  if (!at) return { error: "AuditData.CreationTime is not a date" };
  const eventData = field(a, "CopilotEventData");
  const copilot = isObject(eventData) ? eventData : {};
  const appHost = text(field(copilot, "AppHost"));
  const agentId = text(field(a, "AgentId"));
  const agentName = text(field(a, "AgentName"));
  if (appHost && MAKER_HOSTS.has(appHost.toLowerCase())) return { skip: "maker_test" };
  if (agentId && ALL_ZERO.test(agentId)) return { skip: "system_agent" };
  const facts = { agentId, agentName, appHost };
  const mapping = mapRecord(source, facts);
  if (!mapping) return { skip: "unmapped", facts };
  const actor = purviewPerson(record);
  const cohort = mapping.cohort ?? (actor ? cohortOf(actor, at) : null);
  if (!cohort) return { skip: "no_cohort", facts };

  const agentVersion = text(field(a, "AgentVersion"));
  const common = {
    workflow: mapping.workflow,
    cohort,
    taskId: text(field(copilot, "ThreadId")) ?? id,
    occurredAt: at.toISOString(),
    ...(actor ? { actor } : {}),
    ...(agentVersion ? { agentVersion } : {}),
  };
  const messages = objects(field(copilot, "Messages"));
  const responses = messages.filter((m) => field(m, "isPrompt") === false);
  const events: IncomingEvent[] = [];
  for (const message of responses) {
    const messageId = text(field(message, "Id"));
    if (!messageId) return { error: "a response in CopilotEventData.Messages has no Id" };
    events.push({ ...common, id: `m365:${id}:${messageId}`, type: "output", outputKind: mapping.outputKind });
  }
  // Agent runtime records carry no messages: the record itself is the output.
  if (responses.length === 0) events.push({ ...common, id: `m365:${id}`, type: "output", outputKind: mapping.outputKind });
  if (source.incidents) {
    const jailbreak = messages.some((m) => field(m, "JailbreakDetected") === true);
    const xpia = objects(field(copilot, "AccessedResources")).some((r) => field(r, "XPIADetected") === true);
    for (const [kind, detected] of [["jailbreak", jailbreak], ["xpia", xpia]] as const) {
      if (detected) events.push({ ...common, id: `m365:${id}:${kind}`, type: "incident", category: "policy_violation", severity: 2 });
    }
  }
  return { events };
}
