// A Copilot Studio conversation (its transcript's activities) → one output per agent message, an escalation or a
// completion from the session's outcome, and feedback from thumbs and CSAT answers. Design-mode and unengaged
// conversations give nothing.
import type { IncomingEvent } from "@/lib/contract/event";
import type { Conversation } from "@/lib/sources/formats";
import { field, objectOf } from "@/lib/sources/formats/text";
import { mapRecord, text, type DeriveContext, type Derivation } from "./rules";

type Activity = Record<string, unknown>;

const lower = (value: unknown) => text(value)?.toLowerCase() ?? null;

/** from.role: 0 or "bot" for the agent, 1 or "user" for the person. */
const roleOf = (activity: Activity) => {
  const role = lower(field(objectOf(field(activity, "from")) ?? {}, "role"));
  return role === "0" || role === "bot" ? "bot" : role === "1" || role === "user" ? "user" : null;
};

/** timestamp: epoch seconds (milliseconds when implausibly large), or an ISO string. */
function timeOf(value: unknown): Date | null {
  const instant = typeof value === "number" ? new Date(value > 1e11 ? value : value * 1000) : typeof value === "string" ? new Date(value) : null;
  return instant && !Number.isNaN(instant.getTime()) ? instant : null;
}

const trace = (activities: Activity[], valueType: string) =>
  activities.filter((a) => lower(field(a, "valueType")) === valueType.toLowerCase()).map((a) => objectOf(field(a, "value")) ?? {});

/** The person of the conversation, as the directory knows them: the first user activity's lower-cased aadObjectId. */
export function conversationPerson(conversation: Conversation): string | null {
  for (const activity of conversation.activities) {
    if (roleOf(activity) !== "user") continue;
    const objectId = lower(field(objectOf(field(activity, "from")) ?? {}, "aadObjectId"));
    if (objectId) return objectId;
  }
  return null;
}

function feedbackOf(activity: Activity): { rating: "positive" | "negative" } | { score: number } | null {
  if (lower(field(activity, "type")) === "invoke" && lower(field(activity, "name")) === "message/submitaction") {
    const action = objectOf(field(objectOf(field(activity, "value")) ?? {}, "actionValue"));
    const reaction = lower(action && field(action, "reaction"));
    return reaction === "like" ? { rating: "positive" } : reaction === "dislike" ? { rating: "negative" } : null;
  }
  if (lower(field(activity, "valueType")) === "csatsurveyresponse" || lower(field(activity, "name")) === "csatsurveyresponse") {
    const score = Number(field(objectOf(field(activity, "value")) ?? {}, "score"));
    return Number.isInteger(score) && score >= 1 && score <= 5 ? { score } : null;
  }
  return null;
}

export function deriveConversation(conversation: Conversation, { source, cohortOf }: DeriveContext): Derivation {
  const { conversationId, activities } = conversation;
  if (trace(activities, "ConversationInfo").some((info) => field(info, "isDesignMode") === true || lower(field(info, "isDesignMode")) === "true")) {
    return { skip: "design_mode" };
  }
  const session = trace(activities, "SessionInfo").at(-1) ?? {};
  if (lower(field(session, "type")) === "unengaged") return { skip: "unengaged" };
  const facts = { botId: conversation.botId, botName: conversation.botName };
  const mapping = mapRecord(source, facts);
  if (!mapping) return { skip: "unmapped", facts };
  const start = timeOf(field(session, "startTimeUtc")) ?? timeOf(conversation.startTime) ?? timeOf(field(activities[0] ?? {}, "timestamp"));
  const person = conversationPerson(conversation);
  const cohort = mapping.cohort ?? (person && start ? cohortOf(person, start) : null);
  if (!cohort) return { skip: "no_cohort", facts };

  const common = { workflow: mapping.workflow, cohort, taskId: conversationId, ...(person ? { actor: person } : {}) };
  const events: IncomingEvent[] = [];
  for (const activity of activities) {
    const isMessage = lower(field(activity, "type")) === "message" && roleOf(activity) === "bot";
    const feedback = isMessage ? null : feedbackOf(activity);
    if (!isMessage && !feedback) continue;
    const activityId = text(field(activity, "id"));
    const at = timeOf(field(activity, "timestamp"));
    if (!at) return { error: `an activity of conversation ${conversationId} has no timestamp` };
    if (isMessage) {
      if (!activityId) return { error: `an agent message of conversation ${conversationId} has no id` };
      events.push({ ...common, id: `mcs:${conversationId}:${activityId}`, type: "output", outputKind: mapping.outputKind, occurredAt: at.toISOString() });
    } else {
      // A CSAT trace may come without an id; a conversation asks for CSAT once.
      const id = `mcs:${conversationId}:${activityId ?? "csat"}`;
      events.push({ ...common, id, type: "feedback", ...feedback!, occurredAt: at.toISOString() });
    }
  }
  const outcome = lower(field(session, "outcome"));
  const end = timeOf(field(session, "endTimeUtc"));
  const sessionStart = timeOf(field(session, "startTimeUtc"));
  if ((outcome === "escalated" || outcome === "handoff") && end) {
    events.push({ ...common, id: `mcs:${conversationId}:escalation`, type: "escalation", occurredAt: end.toISOString() });
  }
  if (outcome === "resolved" && end && sessionStart && end >= sessionStart) {
    const durationMs = end.getTime() - sessionStart.getTime();
    events.push({ ...common, id: `mcs:${conversationId}:completion`, type: "completion", mode: "agent", durationMs, occurredAt: end.toISOString() });
  }
  return { events };
}
