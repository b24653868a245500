// Per-item validation of incoming events against the contract, the registry and the sending key, and their
// normalization into the stored form (local day computed, actor pseudonymized).
import crypto from "node:crypto";
import { eventSchema, EARLIEST_EVENT, MAX_FUTURE_SKEW_MS, type IncomingEvent } from "@/lib/contract/event";
import { fieldErrors, type FieldError } from "@/lib/contract/common";
import type { z } from "zod";
import type { outputContent } from "@/lib/contract/review";
import { localDay } from "@/lib/time";

export interface StoredEvent {
  id: string;
  type: IncomingEvent["type"];
  workflow: string;
  cohort: string;
  taskId: string;
  occurredAt: Date;
  day: string;
  actor: string | null;
  agentVersion: string;
  outputKind: string | null;
  verdict: string | null;
  errorCategory: string | null;
  reason: string | null;
  mode: string | null;
  durationMs: number | null;
  category: string | null;
  severity: number | null;
  rating: string | null;
  score: number | null;
  properties: string | null;
  /** A review recorded by the review queue on a randomly sampled output (never settable by a sender). */
  sampled: boolean;
  /** For a review recorded by the queue: the output it judges and the reviewer's note (kept with the claim, not the event). */
  queueReview: { outputId: string; note: string | null } | null;
  /** An output's content for its reviewers: stored apart from the event, and only when the output is sampled. */
  content: OutputContent | null;
}

export type OutputContent = z.infer<typeof outputContent>;

export interface NormalizeContext {
  workflows: ReadonlySet<string>;
  cohorts: ReadonlySet<string>;
  /** Workflows the sending key may ingest for; null for every workflow. */
  allowedWorkflows: ReadonlySet<string> | null;
  timezone: string;
  actorSecret: string;
  now: Date;
}

export type Normalized = { ok: true; event: StoredEvent } | { ok: false; id: string | null; errors: FieldError[] };

const pseudonyms = new Map<string, Map<string, string>>();

/** Keyed hash of an actor id: stable per installation, not reversible without the secret. */
export function pseudonymizeActor(actor: string, secret: string): string {
  // A cohort's actors repeat in every batch; remembering their hashes saves an HMAC per event. The hash is a pure
  // function of (secret, actor), so every instance computes the same one: the cache is safe to lose or to differ.
  let known = pseudonyms.get(secret);
  if (!known) pseudonyms.set(secret, (known = new Map()));
  let pseudonym = known.get(actor);
  if (pseudonym === undefined) {
    pseudonym = crypto.createHmac("sha256", secret).update(actor, "utf8").digest("base64url").slice(0, 32);
    if (known.size > 100_000) known.clear();
    known.set(actor, pseudonym);
  }
  return pseudonym;
}

function rawId(value: unknown): string | null {
  if (value && typeof value === "object" && "id" in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === "string") return id.slice(0, 128);
  }
  return null;
}

export function normalizeEvent(value: unknown, index: number, context: NormalizeContext): Normalized {
  const base = `events[${index}]`;
  const parsed = eventSchema.safeParse(value);
  if (!parsed.success) return { ok: false, id: rawId(value), errors: fieldErrors(parsed.error, base) };
  const event = parsed.data;
  const errors: FieldError[] = [];
  if (!context.workflows.has(event.workflow)) {
    errors.push({ path: `${base}.workflow`, message: `unknown workflow "${event.workflow}"; register it with tollgate apply` });
  } else if (context.allowedWorkflows && !context.allowedWorkflows.has(event.workflow)) {
    errors.push({ path: `${base}.workflow`, message: `this API key may not send events for workflow "${event.workflow}"` });
  }
  if (!context.cohorts.has(event.cohort)) {
    errors.push({ path: `${base}.cohort`, message: `unknown cohort "${event.cohort}"; register it with tollgate apply` });
  }
  const occurredAt = new Date(event.occurredAt);
  if (Number.isNaN(occurredAt.getTime()) || occurredAt < EARLIEST_EVENT) {
    errors.push({ path: `${base}.occurredAt`, message: "must be a real date after 2000-01-01" });
  } else if (occurredAt.getTime() > context.now.getTime() + MAX_FUTURE_SKEW_MS) {
    errors.push({ path: `${base}.occurredAt`, message: "is more than 5 minutes in the future" });
  }
  if (errors.length > 0) return { ok: false, id: event.id, errors };

  return {
    ok: true,
    event: {
      id: event.id,
      type: event.type,
      workflow: event.workflow,
      cohort: event.cohort,
      taskId: event.taskId,
      occurredAt,
      day: localDay(occurredAt, context.timezone),
      actor: event.actor === undefined ? null : pseudonymizeActor(event.actor, context.actorSecret),
      agentVersion: event.agentVersion ?? "",
      outputKind: event.type === "output" ? event.outputKind : null,
      verdict: event.type === "review" ? event.verdict : null,
      errorCategory: event.type === "review" ? (event.errorCategory ?? null) : null,
      reason: event.type === "escalation" ? (event.reason ?? null) : null,
      mode: event.type === "completion" ? event.mode : null,
      durationMs: event.type === "completion" ? event.durationMs : null,
      category: event.type === "incident" ? event.category : null,
      severity: event.type === "incident" ? event.severity : null,
      rating: event.type === "feedback" ? (event.rating ?? null) : null,
      score: event.type === "feedback" ? (event.score ?? null) : null,
      properties: event.properties === undefined ? null : JSON.stringify(event.properties),
      sampled: false,
      queueReview: null,
      content: event.type === "output" ? (event.content ?? null) : null,
    },
  };
}
