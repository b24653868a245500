// Loads the demo program and its generated events through the same paths real data takes (apply, ingestBatch).
import type { Database } from "@/lib/db/database";
import { countWorkflows } from "@/lib/db/queries/countWorkflows";
import { systemActor } from "@/lib/audit/audit";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { MAX_BATCH_EVENTS } from "@/lib/contract/event";
import type { Progress } from "@/lib/cli/progress";
import { buildDemoProgram, demoStory } from "./program";
import { updateChecklistItem } from "@/lib/scorecards/checklist";
import { CHECKLIST_ITEMS } from "@/lib/contract/vocabulary";
import { generateDemoEvents, type DemoOptions } from "./generate";
import { sendTest } from "@/lib/alerts/deliver";
import { demoAlerts } from "./alerts";
import { seedM365 } from "./m365";

export interface SeedResult {
  accepted: number;
  duplicates: number;
  rejected: number;
}

const DEMO = systemActor("demo");

export async function seedDemo(db: Database, options: DemoOptions = {}, report?: Progress): Promise<SeedResult> {
  // Rollout start dates are relative to the end of the demo window, so the program is dated with the events.
  await applyProgram(db, options.end ? buildDemoProgram(options.end) : buildDemoProgram(), DEMO);
  const result: SeedResult = { accepted: 0, duplicates: 0, rejected: 0 };
  // Events generated up to the end of the demo window are never in the future; `now` only guards real senders.
  const now = options.end ?? new Date();
  let batch: unknown[] = [];
  const flush = async () => {
    const outcome = await ingestBatch(db, batch, { now });
    result.accepted += outcome.accepted;
    result.duplicates += outcome.duplicates;
    result.rejected += outcome.rejected.length;
    batch = [];
    report?.update(result.accepted + result.duplicates + result.rejected);
  };
  for (const event of generateDemoEvents(options)) {
    batch.push(event);
    if (batch.length === MAX_BATCH_EVENTS) await flush();
  }
  if (batch.length) await flush();
  report?.finish(`${result.accepted} events`);
  await seedChecklists(db, now);
  await seedM365(db, DEMO, { end: options.end, now });
  // Alerts start after the history: the demo's past incidents were never alerted, so none is waiting to be. The
  // webhook channel's test is really attempted and fails for what it is: its variables are not set.
  await applyProgram(db, { alerts: demoAlerts }, DEMO);
  await sendTest(db, "siem");
  return result;
}

export async function isEmpty(db: Database): Promise<boolean> {
  return (await countWorkflows(db)) === 0;
}

/** The ready rollout's workflow has done its governance homework; another is half-way, the rest have not started. */
async function seedChecklists(db: Database, now: Date): Promise<void> {
  const evidence: Record<(typeof CHECKLIST_ITEMS)[number], [string, string]> = {
    identity: ["Identity team", "Entra ID app registration with conditional access"],
    tenant_controls: ["M365 platform team", "Tenant-wide agent policy applied"],
    audit_logging: ["IT Security", "Purview audit log retention 1 year"],
    human_approval: ["Support operations", "Agents draft; agents never send without a person"],
    metrics: ["IT Automation", "Tollgate ingest key per workflow"],
    retention: ["Records management", "Raw events kept 400 days"],
  };
  for (const item of CHECKLIST_ITEMS) {
    const [owner, note] = evidence[item];
    await updateChecklistItem(db, demoStory.readyToExpand.workflow, item, { status: "done", owner, evidence: note }, DEMO, now);
  }
  for (const [i, item] of CHECKLIST_ITEMS.entries()) {
    const [owner] = evidence[item];
    await updateChecklistItem(db, "crm-enrichment", item, { status: i < 3 ? "done" : "in_progress", owner }, DEMO, now);
  }
}
