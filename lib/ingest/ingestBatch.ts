// ingestBatch: validate → dedupe → write events and their rollups in one transaction. When it returns, every
// accepted event is committed; a repeated id (in the batch, in the store, or in a concurrent batch) is a duplicate.
import type { Database } from "@/lib/db/database";
import { installationSettings } from "@/lib/db/settings";
import type { FieldError } from "@/lib/contract/common";
import { normalizeEvent, type NormalizeContext, type StoredEvent } from "./normalize";
import { writeEvents } from "./groupCommit";
import { pastRetentionMessage } from "@/lib/retention/watermark";

export interface RejectedEvent {
  index: number;
  id: string | null;
  errors: FieldError[];
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: RejectedEvent[];
}

export interface IngestOptions {
  /** Workflows the sending key may ingest for; omitted or null for every workflow. */
  allowedWorkflows?: ReadonlySet<string> | null;
  apiKeyId?: string | null;
  now?: Date;
}


type RegistryKeys = Pick<NormalizeContext, "workflows" | "cohorts">;

async function readRegistryKeys(db: Database): Promise<RegistryKeys> {
  const [workflows, cohorts] = await Promise.all([
    db.prisma.workflow.findMany({ select: { key: true } }),
    db.prisma.cohort.findMany({ select: { key: true } }),
  ]);
  return { workflows: new Set(workflows.map((w) => w.key)), cohorts: new Set(cohorts.map((c) => c.key)) };
}

const registryCache = new WeakMap<Database, RegistryKeys>();

/**
 * The registered workflow and cohort keys. Keys are never removed from the registry, so a cached set can only be
 * missing keys registered since (by this process or another): a batch naming a key the cache lacks re-reads it.
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
    if (!result.ok) rejected.push({ index, id: result.id, errors: result.errors });
    else if (unique.has(result.event.id)) duplicates += 1;
    else {
      unique.set(result.event.id, result.event);
      indexOf.set(result.event.id, index);
    }
  });
  if (unique.size === 0) return { accepted: 0, duplicates, rejected };

  // Sorted ids give concurrent Postgres transactions one lock order on the primary key.
  const events = [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const written = await writeEvents(db, { events, receivedAt: now, apiKeyId: options.apiKeyId ?? null });
  if (written.expired.length > 0) {
    const message = pastRetentionMessage(written.watermark!);
    for (const id of written.expired) {
      const index = indexOf.get(id)!;
      rejected.push({ index, id, errors: [{ path: `events[${index}].occurredAt`, message }] });
    }
    rejected.sort((a, b) => a.index - b.index);
  }
  const { accepted } = written;
  return { accepted, duplicates: duplicates + (events.length - written.expired.length - accepted), rejected };
}
