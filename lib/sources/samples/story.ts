// A seeded Microsoft 365 story over the demo program, reconstructed from Microsoft's documented schemas (see
// /work/shared/M365-SOURCES.md and the README): Purview CopilotInteraction records, Copilot Studio sessions and
// Dataverse conversation transcripts, and the people directory that puts their users in cohorts. No real tenant
// data: every name, id and address is made up here (contoso.example is reserved for examples).
import { mulberry32 } from "@/lib/random";
import { startOfUtcWeek } from "@/lib/demo/program";

export interface SampleOptions {
  seed?: number;
  /** Purview records; sessions and transcripts scale with it. Default 600. */
  records?: number;
  /** Weeks of activity, ending at `end`. Default 4. */
  weeks?: number;
  /** Exclusive end; default the start of the current UTC week, like the demo events. */
  end?: Date;
}

export interface Person {
  user: string;
  objectId: string;
  displayName: string;
  department: string;
}

export interface SessionRow {
  SessionID: string;
  StartDateTime: string;
  InitialUserMessage: string;
  TopicName: string;
  ChatTranscript: string;
  SessionOutcome: string;
  TopicId: string;
}

export interface TranscriptRow {
  conversationtranscriptid: string;
  name: string;
  conversationstarttime: string;
  createdon: string;
  /** A JSON string {"activities": […]}, as Dataverse stores it. */
  content: string;
  /** A JSON string {"BotId", "BotName", "AADTenantId", "BatchId"}. */
  metadata: string;
}

export interface M365Sample {
  people: Person[];
  /** AuditData objects, in time order. */
  purview: Record<string, unknown>[];
  sessions: SessionRow[];
  transcripts: TranscriptRow[];
  /** The department → cohort map the sample program declares (program.json `directory`). */
  departments: Record<string, string>;
}

export const SAMPLE_TENANT = "7f3c1a52-0d4e-4b6a-9c1e-2a5b8d9e0f11";
export const SUPPORT_BOT = { id: "3b9d2c7e-5a41-4f0b-8e6d-1c2a3b4d5e6f", name: "crb1_supportAgent" };
export const INVOICE_AGENT = { id: "CopilotStudio.Declarative.T_4e1f0a9b-2c3d-4e5f-8a7b-6c5d4e3f2a1b.9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", name: "Invoice Triage" };
const SYSTEM_AGENT_ID = "00000000-0000-0000-0000-000000000000";
const DEPARTMENTS: Record<string, string> = { Finance: "finance-pilot", Sales: "sales-pilot", "Customer Support": "support-pilot", People: "hr-pilot" };
const FIRST = ["Alex", "Sam", "Jordan", "Priya", "Mateo", "Aiko", "Noah", "Leila", "Jonas", "Grace", "Omar", "Ines", "Tariq", "Mia", "Ravi"];
const LAST = ["Kim", "Novak", "Okafor", "Schmidt", "Haddad", "Silva", "Berg", "Moreau", "Tanaka", "Costa", "Reyes", "Walsh"];
const TOPICS = [
  ["Reset password", "ResetPassword", "I forgot my password, can you reset it?"],
  ["VPN issue", "VpnIssue", "VPN will not connect from home, error 809"],
  ["New laptop", "NewLaptop", "When does my new laptop arrive?"],
  ["Printer", "Printer", "Printer on floor 3 says \"paper jam\", again"],
] as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function guid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** AuditData's CreationTime: UTC without a zone designator, as Purview writes it. */
const auditTime = (t: Date) => t.toISOString().slice(0, 19);

/** The seed is part of each address, so samples of different seeds (the benchmark's chunks) share nobody. */
function people(random: () => number, seed: number): Person[] {
  const list: Person[] = [];
  for (const department of [...Object.keys(DEPARTMENTS), "Engineering"]) {
    for (let i = 0; i < 12; i++) {
      const first = FIRST[Math.floor(random() * FIRST.length)]!;
      const last = LAST[Math.floor(random() * LAST.length)]!;
      const user = `${first}.${last}.${seed}.${list.length}@contoso.example`.toLowerCase();
      list.push({ user, objectId: guid(random), displayName: `${first} ${last}`, department });
    }
  }
  return list;
}

/** A working-hours instant in [end − weeks, end), weekdays only. */
function workingInstant(random: () => number, end: Date, weeks: number): Date {
  for (;;) {
    const day = Math.floor(random() * weeks * 7) + 1;
    const at = new Date(end.getTime() - day * DAY + (7 + random() * 10) * 60 * MINUTE);
    if (at.getUTCDay() !== 0 && at.getUTCDay() !== 6 && at < end) return at;
  }
}

export function buildM365Sample(options: SampleOptions = {}): M365Sample {
  const seed = options.seed ?? 11;
  const random = mulberry32(seed);
  const end = options.end ?? startOfUtcWeek(new Date());
  const weeks = options.weeks ?? 4;
  const records = options.records ?? 600;
  const staff = people(random, seed);
  const inDepartment = (department: string) => staff.filter((p) => p.department === department);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

  const purview = Array.from({ length: records }, () => purviewRecord({ random, pick, at: workingInstant(random, end, weeks), staff, inDepartment }));
  purview.sort((a, b) => String(a.CreationTime).localeCompare(String(b.CreationTime)));
  const sessions = Array.from({ length: Math.round(records / 2) }, () => sessionRow(random, pick, workingInstant(random, end, weeks)));
  sessions.sort((a, b) => a.StartDateTime.localeCompare(b.StartDateTime));
  const support = inDepartment("Customer Support");
  const transcripts = Array.from({ length: Math.round(records / 5) }, () =>
    transcriptRow({ random, pick, at: workingInstant(random, end, weeks), person: random() < 0.9 ? pick(support) : null }),
  );
  transcripts.sort((a, b) => a.conversationstarttime.localeCompare(b.conversationstarttime));
  return { people: staff, purview, sessions, transcripts, departments: DEPARTMENTS };
}

interface Draw {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  at: Date;
}

function purviewRecord({ random, pick, at, staff, inDepartment }: Draw & { staff: Person[]; inDepartment: (d: string) => Person[] }): Record<string, unknown> {
  const roll = random();
  // Who and where: the story's share of each kind of record.
  const kind =
    roll < 0.45 ? "invoice" : roll < 0.75 ? "outlook" : roll < 0.83 ? "unmapped" : roll < 0.86 ? "maker" : roll < 0.88 ? "system" : roll < 0.93 ? "outsider" : "other";
  // Outsiders (guests, people the directory does not list) use the mapped agent but belong to no cohort.
  const person = kind === "invoice" ? pick(inDepartment("Finance")) : kind === "outlook" ? pick(inDepartment("Sales")) : kind === "outsider" ? null : pick(staff);
  // One person is one actor whatever the casing Purview wrote.
  const userId = person ? (random() < 0.2 ? person.user.replace(/^./, (c) => c.toUpperCase()) : person.user) : `guest${Math.floor(random() * 90)}@partner.example`;
  const id = guid(random);
  const threadId = `19:${guid(random).replaceAll("-", "")}@thread.v2`;
  const messages: Record<string, unknown>[] = [];
  const turns = 1 + Math.floor(random() * 3);
  for (let turn = 0; turn < turns; turn++) {
    const stamp = String(at.getTime() + turn * 20_000);
    messages.push({ Id: `${stamp}1`, isPrompt: true, ...(random() < 0.02 ? { JailbreakDetected: true } : {}) });
    messages.push({ Id: `${stamp}2`, isPrompt: false, Size: 400 + Math.floor(random() * 3000) });
  }
  const appHost = kind === "outlook" ? "Outlook" : kind === "maker" ? "Copilot Studio" : kind === "unmapped" ? pick(["Word", "Excel", "Teams"]) : "Teams";
  const agent =
    kind === "invoice" || kind === "outsider" ? INVOICE_AGENT : kind === "system" ? { id: SYSTEM_AGENT_ID, name: "Copilot" } : kind === "unmapped" && random() < 0.5 ? { id: `P_${guid(random)}`, name: "Expense Helper" } : null;
  const runtimeOnly = kind === "invoice" && random() < 0.1;
  return {
    CreationTime: auditTime(at),
    Id: id,
    Operation: kind === "other" ? "ConnectedAIAppInteraction" : "CopilotInteraction",
    OrganizationId: SAMPLE_TENANT,
    RecordType: kind === "other" ? 328 : 261,
    UserKey: person?.objectId ?? guid(random),
    UserType: 0,
    Version: 1,
    Workload: "Copilot",
    ClientIP: `203.0.113.${Math.floor(random() * 250)}`,
    UserId: userId,
    ClientRegion: "EMEA",
    CopilotLogVersion: "1.0.0.0",
    ...(agent ? { AgentId: agent.id, AgentName: agent.name, ...(kind === "invoice" ? { AgentVersion: random() < 0.7 ? "1.3.0" : "1.2.0" } : {}) } : {}),
    ...(kind === "invoice" ? { AppIdentity: `Copilot.Studio.${guid(random)}` } : {}),
    CopilotEventData: {
      AppHost: appHost,
      Contexts: [{ Id: `https://contoso.example/sites/finance/Shared Documents/invoice-${Math.floor(random() * 9000)}.xlsx`, Type: "xlsx" }],
      ThreadId: threadId,
      ...(runtimeOnly ? {} : { Messages: messages }),
      AccessedResources: [
        {
          Id: guid(random),
          SiteUrl: "https://contoso.example/sites/finance",
          Name: 'Supplier terms, "net 30", v2.docx',
          Type: "docx",
          Action: "Read",
          ...(random() < 0.01 ? { XPIADetected: true } : {}),
        },
      ],
      AISystemPlugin: [{ Id: "BingWebSearch", Name: "Bing Web Search", Version: "1.0" }],
      ModelTransparencyDetails: [{ ModelProviderName: "OpenAI", ModelName: "GPT-4o", ModelVersion: "2024-11-20" }],
    },
  };
}

function sessionRow(random: () => number, pick: Draw["pick"], at: Date): SessionRow {
  const [topic, topicKey, question] = pick(TOPICS);
  const roll = random();
  const outcome = roll < 0.55 ? "Resolved" : roll < 0.75 ? "Escalated" : roll < 0.9 ? "Abandoned" : "Unengaged";
  return {
    SessionID: guid(random),
    StartDateTime: at.toISOString().slice(0, 19).replace("T", " "),
    InitialUserMessage: question,
    TopicName: topic,
    ChatTranscript: `User: ${question}\nBot: Let me help with "${topic}", step 1, then step 2.\nUser: thanks`,
    SessionOutcome: outcome,
    TopicId: `${SUPPORT_BOT.name}.topic.${topicKey}`,
  };
}

/** Direct Line conversation ids: 22 letters and digits and a region suffix. */
function conversationId(random: () => number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789";
  return `${Array.from({ length: 22 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("")}-eu`;
}

function transcriptRow({ random, pick, at, person }: Draw & { person: Person | null }): TranscriptRow {
  const conversation = conversationId(random);
  const seconds = (t: number) => Math.floor(t / 1000);
  const words = random() < 0.5;
  const role = (who: "bot" | "user") => (words ? who : who === "bot" ? 0 : 1);
  const user = { id: guid(random), role: role("user"), ...(person ? { aadObjectId: person.objectId } : {}) };
  const bot = { id: SUPPORT_BOT.id, role: role("bot") };
  const design = random() < 0.05;
  const engaged = random() >= 0.08;
  const roll = random();
  const outcome = !engaged ? "None" : roll < 0.5 ? "Resolved" : roll < 0.65 ? "Escalated" : roll < 0.7 ? "HandOff" : roll < 0.9 ? "Abandoned" : "None";
  const [, , question] = pick(TOPICS);
  let t = at.getTime();
  const activities: Record<string, unknown>[] = [
    { valueType: "ConversationInfo", type: "trace", timestamp: seconds(t), from: { id: "", role: role("bot") }, value: { isDesignMode: design, locale: "en-US" } },
    { id: guid(random), type: "event", name: "startConversation", timestamp: seconds(t), from: user, channelId: design ? "pva-studio" : "msteams" },
  ];
  const replies = engaged ? 1 + Math.floor(random() * 3) : 1;
  for (let i = 0; i < replies; i++) {
    if (engaged) activities.push({ id: guid(random), type: "message", timestamp: seconds((t += 15_000)), from: user, text: question });
    activities.push({ id: guid(random), type: "message", timestamp: seconds((t += 5_000)), from: bot, text: 'Try "Restart", then sign in again.' });
  }
  if (engaged && random() < 0.3) {
    const reaction = random() < 0.75 ? "like" : "dislike";
    // Teams writes the feedback form's text as JSON inside a string.
    const value = { actionName: "feedback", actionValue: { reaction, feedback: JSON.stringify({ feedbackText: "" }) } };
    activities.push({ id: guid(random), type: "invoke", name: "message/submitAction", timestamp: seconds((t += 8_000)), from: user, value: random() < 0.5 ? value : JSON.stringify(value) });
  }
  if (engaged && random() < 0.2) {
    activities.push({ id: guid(random), type: "trace", valueType: "CSATSurveyResponse", timestamp: seconds((t += 6_000)), from: user, value: { score: 1 + Math.floor(random() * 5) } });
  }
  const endAt = t + 2_000;
  activities.push({
    valueType: "SessionInfo",
    type: "trace",
    timestamp: seconds(endAt),
    from: bot,
    value: { startTimeUtc: new Date(at).toISOString(), endTimeUtc: new Date(endAt).toISOString(), type: engaged ? "Engaged" : "Unengaged", outcome, turnCount: replies, impliedSuccess: outcome === "Resolved" },
  });
  const createdon = new Date(endAt + 30 * MINUTE).toISOString();
  return {
    conversationtranscriptid: guid(random),
    name: `${conversation}_${SUPPORT_BOT.id}`,
    conversationstarttime: at.toISOString(),
    createdon,
    content: JSON.stringify({ activities }),
    metadata: JSON.stringify({ BotId: SUPPORT_BOT.id, BotName: SUPPORT_BOT.name, AADTenantId: SAMPLE_TENANT, BatchId: guid(random) }),
  };
}
