// The derivation rules of the README as tables: each row a record, a source and exactly the events (or the skip)
// it must give.
import { describe, expect, it } from "vitest";
import { sourceSchema, type SourceInput } from "@/lib/contract/sources";
import type { AuditRecord, Conversation, SessionRecord } from "@/lib/sources/formats";
import { derivePurview } from "./purview";
import { deriveSession } from "./sessions";
import { deriveConversation } from "./transcripts";
import type { DeriveContext } from "./rules";

const source = (input: Record<string, unknown>): SourceInput => sourceSchema.parse({ key: "s", ...input });

const purviewSource = source({
  type: "purview-audit",
  incidents: true,
  workflows: [
    { match: { agentName: "Invoice Triage" }, workflow: "invoice-coding", outputKind: "classification" },
    { match: { agentName: "Invoice Triage", appHost: "Outlook" }, workflow: "never-reached", outputKind: "draft" },
    { match: { appHost: "Outlook", agentId: "P_42" }, workflow: "both-fields", outputKind: "draft" },
    { match: { appHost: "Outlook" }, workflow: "meeting-followups", outputKind: "draft", cohort: "sales-pilot" },
  ],
});

/** The directory of the tests: Ann moved from finance-pilot to finance-department on 1 November 2026. */
const cohortOf: DeriveContext["cohortOf"] = (person, at) => {
  if (person === "ann@contoso.example") return at < new Date("2026-11-01T00:00:00Z") ? "finance-pilot" : "finance-department";
  if (person === "5e1c0a2b-0000-4000-a000-00000000000b") return "support-pilot";
  return null;
};

function audit(changes: Record<string, unknown> = {}, eventData: Record<string, unknown> = {}, recordType: unknown = undefined): AuditRecord {
  const audit = {
    CreationTime: "2026-11-02T09:14:03",
    Id: "rec-1",
    RecordType: 261,
    UserId: "Ann@Contoso.example",
    AgentId: "CopilotStudio.Declarative.T_1.2",
    AgentName: "Invoice Triage",
    CopilotEventData: {
      AppHost: "Teams",
      ThreadId: "19:abc@thread.v2",
      Messages: [
        { Id: "m1", isPrompt: true },
        { Id: "m2", isPrompt: false },
        { Id: "m3", isPrompt: true },
        { Id: "m4", isPrompt: false },
      ],
      ...eventData,
    },
    ...changes,
  };
  return { audit, recordType: recordType ?? audit.RecordType, createdDateTime: null };
}

const base = { workflow: "invoice-coding", cohort: "finance-department", taskId: "19:abc@thread.v2", occurredAt: "2026-11-02T09:14:03.000Z", actor: "ann@contoso.example" };
const output = (id: string, extra: Record<string, unknown> = {}) => ({ ...base, id, type: "output", outputKind: "classification", ...extra });

describe("Purview CopilotInteraction records", () => {
  const derive = (record: AuditRecord, over: Partial<DeriveContext> = {}) => derivePurview(record, { source: purviewSource, cohortOf, ...over });

  it.each<[string, AuditRecord, unknown]>([
    ["one output per response message, the time UTC, the actor lower-cased", audit(), { events: [output("m365:rec-1:m2"), output("m365:rec-1:m4")] }],
    ["the agent version when present", audit({ AgentVersion: "1.3.0" }, { Messages: [{ Id: "m2", isPrompt: false }] }), { events: [output("m365:rec-1:m2", { agentVersion: "1.3.0" })] }],
    ["one output for a record without messages (agent runtime)", audit({}, { Messages: undefined }), { events: [output("m365:rec-1")] }],
    ["one output for a record with prompts only", audit({}, { Messages: [{ Id: "m1", isPrompt: true }] }), { events: [output("m365:rec-1")] }],
    ["the record id as task without a thread", audit({}, { ThreadId: undefined, Messages: [] }), { events: [output("m365:rec-1", { taskId: "rec-1" })] }],
    ["a time that already carries Z", audit({ CreationTime: "2026-11-02T09:14:03.5Z" }, { Messages: [] }), { events: [output("m365:rec-1", { occurredAt: "2026-11-02T09:14:03.500Z" })] }],
    ["the directory's cohort before the person moved", audit({ CreationTime: "2026-10-30T09:00:00" }, { Messages: [] }), { events: [output("m365:rec-1", { cohort: "finance-pilot", occurredAt: "2026-10-30T09:00:00.000Z" })] }],
    ["record type by name", audit({}, { Messages: [] }, "CopilotInteraction"), { events: [output("m365:rec-1")] }],
    ["record type in Graph's camelCase", audit({}, { Messages: [] }, "copilotInteraction"), { events: [output("m365:rec-1")] }],
    ["record type 261 as text", audit({}, { Messages: [] }, "261"), { events: [output("m365:rec-1")] }],
  ])("%s", (_, record, expected) => {
    expect(derive(record)).toEqual(expected);
  });

  it.each<[string, AuditRecord, unknown]>([
    ["another record type by number", audit({ RecordType: 328 }), { skip: "not_copilot" }],
    ["another record type by name", audit({}, {}, "ConnectedAIAppInteraction"), { skip: "not_copilot" }],
    ["the maker's test pane", audit({}, { AppHost: "Copilot Studio" }), { skip: "maker_test" }],
    ["a maker evaluation", audit({}, { AppHost: "pva-maker-evaluation" }), { skip: "maker_test" }],
    ["the agentic builder", audit({}, { AppHost: "agentic-builder" }), { skip: "maker_test" }],
    ["an all-zero agent id", audit({ AgentId: "00000000-0000-0000-0000-000000000000" }), { skip: "system_agent" }],
    ["no matching rule", audit({ AgentName: "Expense Helper", AgentId: "P_9" }, { AppHost: "Word" }), { skip: "unmapped", facts: { agentId: "P_9", agentName: "Expense Helper", appHost: "Word" } }],
    ["a user the directory does not know", audit({ UserId: "guest@partner.example" }), { skip: "no_cohort", facts: { agentId: "CopilotStudio.Declarative.T_1.2", agentName: "Invoice Triage", appHost: "Teams" } }],
    ["no Id", audit({ Id: undefined }), { error: "AuditData has no Id" }],
    ["an unreadable CreationTime", audit({ CreationTime: "3/4/2025 2:22:09 PM" }), { error: "AuditData.CreationTime is not a date" }],
  ])("skips or refuses %s", (_, record, expected) => {
    expect(derive(record)).toEqual(expected);
  });

  it("takes the first matching rule; a rule needs all its fields, case-insensitively; a rule's cohort beats the directory", () => {
    const outlook = (agent: Record<string, unknown>) => derive(audit({ AgentName: undefined, AgentId: undefined, ...agent }, { AppHost: "outlook", Messages: [] }));
    expect(outlook({})).toMatchObject({ events: [{ workflow: "meeting-followups", cohort: "sales-pilot", outputKind: "draft" }] });
    expect(outlook({ AgentId: "p_42" })).toMatchObject({ events: [{ workflow: "both-fields", cohort: "finance-department" }] });
    expect(derive(audit({ AgentName: "INVOICE TRIAGE" }, { AppHost: "Outlook", Messages: [] }))).toMatchObject({ events: [{ workflow: "invoice-coding" }] });
  });

  it("adds one incident per record and kind for jailbreak and cross-prompt injection detections, when asked", () => {
    const flagged = audit({}, {
      Messages: [
        { Id: "m1", isPrompt: true, JailbreakDetected: true },
        { Id: "m2", isPrompt: false, JailbreakDetected: true },
      ],
      AccessedResources: [{ Id: "r1", XPIADetected: true }, { Id: "r2", XPIADetected: true }],
    });
    const incident = (kind: string) => ({ ...base, id: `m365:rec-1:${kind}`, type: "incident", category: "policy_violation", severity: 2 });
    expect(derive(flagged)).toEqual({ events: [output("m365:rec-1:m2"), incident("jailbreak"), incident("xpia")] });
    expect(derive(flagged, { source: { ...purviewSource, incidents: false } })).toEqual({ events: [output("m365:rec-1:m2")] });
  });
});

describe("Copilot Studio sessions", () => {
  const sessions = source({ type: "copilot-studio-sessions", workflow: "ticket-triage", cohort: "support-pilot", outputKind: "classification", timezone: "Europe/Berlin" });
  const row = (outcome: string, start = "2026-11-02 10:14:03"): SessionRecord => ({ sessionId: "S-1", start, outcome, topicName: "VPN issue" });
  const derive = (record: SessionRecord) => deriveSession(record, { source: sessions, cohortOf });
  const common = { workflow: "ticket-triage", cohort: "support-pilot", taskId: "S-1", occurredAt: "2026-11-02T09:14:03.000Z" };
  const sessionOutput = { ...common, id: "mcs:S-1", type: "output", outputKind: "classification" };

  it.each<[string, SessionRecord, unknown]>([
    ["a resolved session: its output, the time read in the source's zone", row("Resolved"), { events: [sessionOutput] }],
    ["an abandoned session: its output only", row("Abandoned"), { events: [sessionOutput] }],
    ["an escalated session: output and escalation, the topic as reason", row("Escalated"), { events: [sessionOutput, { ...common, id: "mcs:S-1:escalation", type: "escalation", reason: "VPN issue" }] }],
    ["a time with its own offset", row("Resolved", "2026-11-02T09:14:03Z"), { events: [sessionOutput] }],
    ["an unengaged session", row("Unengaged"), { skip: "unengaged" }],
    ["an unreadable time", row("Resolved", "yesterday"), { error: 'StartDateTime "yesterday" is not a date and time' }],
  ])("%s", (_, record, expected) => {
    expect(derive(record)).toEqual(expected);
  });
});

describe("Copilot Studio transcripts", () => {
  const transcripts = source({
    type: "copilot-studio-transcripts",
    workflows: [
      { match: { botName: "crb1_supportAgent" }, workflow: "ticket-triage", outputKind: "classification" },
      { match: { botId: "fixed-bot" }, workflow: "ticket-triage", outputKind: "classification", cohort: "support-department" },
    ],
  });
  const person = "5E1C0A2B-0000-4000-A000-00000000000B";
  const user = { id: "u", role: 1, aadObjectId: person };
  const t0 = Date.parse("2026-11-02T09:00:00Z") / 1000;
  function conversation(session: Record<string, unknown>, extra: Record<string, unknown>[] = [], info: Record<string, unknown> = {}): Conversation {
    return {
      conversationId: "C1",
      botId: "bot-1",
      botName: "crb1_supportAgent",
      startTime: "2026-11-02T09:00:00Z",
      activities: [
        { type: "trace", valueType: "ConversationInfo", value: { isDesignMode: false, ...info } },
        { id: "a1", type: "message", timestamp: t0 + 10, from: user, text: "help" },
        { id: "a2", type: "message", timestamp: t0 + 15, from: { role: 0 }, text: "try this" },
        { id: "a3", type: "message", timestamp: t0 + 20, from: { role: "user", aadObjectId: person } },
        { id: "a4", type: "message", timestamp: t0 + 25, from: { role: "bot" } },
        ...extra,
        { type: "trace", valueType: "SessionInfo", value: { startTimeUtc: "2026-11-02T09:00:00Z", endTimeUtc: "2026-11-02T09:02:00Z", type: "Engaged", ...session } },
      ],
    };
  }
  const derive = (c: Conversation) => deriveConversation(c, { source: transcripts, cohortOf });
  const common = { workflow: "ticket-triage", cohort: "support-pilot", taskId: "C1", actor: person.toLowerCase() };
  const at = (seconds: number) => new Date((t0 + seconds) * 1000).toISOString();
  const outputs = [
    { ...common, id: "mcs:C1:a2", type: "output", outputKind: "classification", occurredAt: at(15) },
    { ...common, id: "mcs:C1:a4", type: "output", outputKind: "classification", occurredAt: at(25) },
  ];
  const end = "2026-11-02T09:02:00.000Z";

  it.each<[string, Conversation, unknown]>([
    ["a resolved conversation: an output per agent message and a completion", conversation({ outcome: "Resolved" }), { events: [...outputs, { ...common, id: "mcs:C1:completion", type: "completion", mode: "agent", durationMs: 120_000, occurredAt: end }] }],
    ["an escalated conversation", conversation({ outcome: "Escalated" }), { events: [...outputs, { ...common, id: "mcs:C1:escalation", type: "escalation", occurredAt: end }] }],
    ["a handed-off conversation", conversation({ outcome: "HandOff" }), { events: [...outputs, { ...common, id: "mcs:C1:escalation", type: "escalation", occurredAt: end }] }],
    ["an abandoned conversation: outputs only", conversation({ outcome: "Abandoned" }), { events: outputs }],
    ["a design-mode conversation", conversation({ outcome: "Resolved" }, [], { isDesignMode: true }), { skip: "design_mode" }],
    ["an unengaged conversation", conversation({ type: "Unengaged", outcome: "None" }), { skip: "unengaged" }],
    ["another bot", { ...conversation({}), botName: "other", botId: "x" }, { skip: "unmapped", facts: { botId: "x", botName: "other" } }],
  ])("%s", (_, c, expected) => {
    expect(derive(c)).toEqual(expected);
  });

  it("turns likes, dislikes and CSAT answers into feedback, at their own time", () => {
    const thumb = (id: string, reaction: string, asString = false) => {
      const value = { actionName: "feedback", actionValue: { reaction, feedback: '{"feedbackText":""}' } };
      return { id, type: "invoke", name: "message/submitAction", timestamp: t0 + 30, from: user, value: asString ? JSON.stringify(value) : value };
    };
    const c = conversation({ outcome: "Abandoned" }, [
      thumb("f1", "like"),
      thumb("f2", "dislike", true),
      { id: "f3", type: "trace", valueType: "CSATSurveyResponse", timestamp: t0 + 40, from: user, value: { score: 4 } },
      { type: "trace", valueType: "CSATSurveyResponse", timestamp: t0 + 41, from: user, value: { score: 9 } },
    ]);
    expect(derive(c)).toEqual({
      events: [
        ...outputs,
        { ...common, id: "mcs:C1:f1", type: "feedback", rating: "positive", occurredAt: at(30) },
        { ...common, id: "mcs:C1:f2", type: "feedback", rating: "negative", occurredAt: at(30) },
        { ...common, id: "mcs:C1:f3", type: "feedback", score: 4, occurredAt: at(40) },
      ],
    });
  });

  it("places the person by the directory's object id, unless a rule fixes the cohort; nobody known → no cohort", () => {
    const fixed = derive({ ...conversation({}), botId: "fixed-bot", botName: null }) as { events: { cohort: string }[] };
    expect(fixed.events.map((e) => e.cohort)).toEqual(["support-department", "support-department"]);
    const anonymous = conversation({});
    anonymous.activities = anonymous.activities.map((a) => ({ ...a, from: { role: (a.from as { role?: unknown } | undefined)?.role } }));
    expect(derive(anonymous)).toEqual({ skip: "no_cohort", facts: { botId: "bot-1", botName: "crb1_supportAgent" } });
  });
});
