// ingestBatch: validate → dedupe → write events and their rollups in one transaction. When it returns, every
// accepted event is committed; a repeated id of the same workflow (in the batch, in the store, or in a concurrent
// batch) is a duplicate, while the same id in another workflow is another event (lib/ingest/identity.ts).
import type { Database } from "@/lib/db/database";
import { readWorkflowKeys } from "@/lib/db/queries/readWorkflowKeys";
import { readCohortKeys } from "@/lib/db/queries/readCohortKeys";
import { installationSettings } from "@/lib/db/settings";
import type { FieldError } from "@/lib/contract/common";
import { normalizeEvent, type NormalizeContext, type StoredEvent } from "./normalize";
import { writeEvents } from "./groupCommit";
import { byIdentity, eventKey } from "./identity";
import { pastRetentionMessage } from "@/lib/db/watermark";

export interface RejectedEvent {
  index: number;
  id: string | null;
  errors: FieldError[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
  /**
   * Indexes of the items this call stored, ascending: what an import counts as new without asking the store again.
   * Not part of the API's answer (lib/contract/responses).
   */
  stored: number[];
}

/** What the API answers for a batch: the counts and refusals, without the stored positions only imports use. */
export const ingestAnswer = ({ accepted, duplicates, rejected }: IngestResult) => ({ accepted, duplicates, rejected });

export interface IngestOptions {
  /** Workflows the sending key may ingest for; omitted or null for every workflow. */
  allowedWorkflows?: ReadonlySet<string> | null;
  apiKeyId?: string | null;
  now?: Date;
  /**
   * Set by the review queue only (lib/review/queue.ts), never from a request: the batch's review events are the
   * queue's, on a randomly sampled output, and close their reviewer's claim on it.
   */
  queueReview?: { outputId: string; note: string | null };
}


type RegistryKeys = Pick<NormalizeContext, "workflows" | "cohorts">;

async function readRegistryKeys(db: Database): Promise<RegistryKeys> {
  const [workflows, cohorts] = await Promise.all([readWorkflowKeys(db), readCohortKeys(db)]);
  return { workflows, cohorts };
}

const registryCache = new WeakMap<Database, RegistryKeys>();

/**
 * The registered workflow and cohort keys. Keys are never removed from the registry, so a cached set can only be
 * missing keys registered since (by this process or another): a batch naming a key the cache lacks re-reads it.
 * That makes the cache safe beside other instances: another instance's program apply is seen at its first use.
 */
async function registryKeysFor(db: Database, items: readonly unknown[]): Promise<RegistryKeys> {
  const cached = registryCache.get(db);
  const covers = (keys: RegistryKeys) =>
    items.every((item) => {
      if (!item || typeof item !== "object") return true;
      const { workflow, cohort } = item as { workflow?: unknown; cohort?: unknown };
      return (typeof workflow !== "string" || keys.workflows.has(workflow)) && (typeof cohort !== "string" || keys.cohorts.has(cohort));
    });
  if (cached && covers(cached)) return cached;
  const fresh = await readRegistryKeys(db);
  registryCache.set(db, fresh);
  return fresh;
}

export async function ingestBatch(db: Database, items: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const [settings, registry] = await Promise.all([installationSettings(db), registryKeysFor(db, items)]);
  const context: NormalizeContext = { ...registry, ...settings, allowedWorkflows: options.allowedWorkflows ?? null, now };

  const rejected: RejectedEvent[] = [];
  const unique = new Map<string, StoredEvent>();
  const indexOf = new Map<string, number>();
  let duplicates = 0;
  items.forEach((item, index) => {
    const result = normalizeEvent(item, index, context);
    if (!result.ok) {
      rejected.push({ index, id: result.id, errors: result.errors });
      return;
    }
    const key = eventKey(result.event);
    if (unique.has(key)) duplicates += 1;
    else {
      if (options.queueReview && result.event.type === "review") {
        Object.assign(result.event, { sampled: true, queueReview: options.queueReview });
      }
      unique.set(key, result.event);
      indexOf.set(key, index);
    }
  });
  if (unique.size === 0) return { accepted: 0, duplicates, rejected, stored: [] };

  const events = [...unique.values()].sort(byIdentity);
  const written = await writeEvents(db, { events, receivedAt: now, apiKeyId: options.apiKeyId ?? null, secret: settings.actorSecret });
  if (written.expired.length > 0) {
    const message = pastRetentionMessage(written.watermark!);
    for (const event of written.expired) {
      const index = indexOf.get(eventKey(event))!;
      rejected.push({ index, id: event.id, errors: [{ path: `events[${index}].occurredAt`, message }] });
    }
    rejected.sort((a, b) => a.index - b.index);
  }
  const accepted = written.stored.length;
  const stored = written.stored.map((event) => indexOf.get(eventKey(event))!).sort((a, b) => a - b);
  return { accepted, duplicates: duplicates + (events.length - written.expired.length - accepted), rejected, stored };
}
