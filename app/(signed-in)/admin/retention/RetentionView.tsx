"use client";
// Retention: the period in days, the watermark (events older than it are refused at ingestion, since they were
// purged after being counted) and the last run; legal holds, placed and lifted per workflow; and a manual run.
import { formatInstant, plural } from "@/lib/ui/format";
import { LoadState } from "@/components/admin/LoadState";
import type { RetentionStatusJson, WorkflowOption } from "@/components/admin/types";
import { useAdminData } from "@/components/admin/useAdminData";
import { workflowNamer } from "@/components/admin/workflows";
import { LegalHolds } from "./LegalHolds";
import { PeriodForm } from "./PeriodForm";
import { RunNow } from "./RunNow";

export function RetentionView({ initialStatus, workflows, timezone }: { initialStatus: RetentionStatusJson; workflows: WorkflowOption[]; timezone: string }) {
  const { query: status, refresh } = useAdminData(["admin", "retention"], "/api/v1/retention", (body: RetentionStatusJson) => body, initialStatus);
  const workflowName = workflowNamer(workflows);
  const data = status.data;
  return (
    <LoadState query={status} errorTitle="The retention settings could not be loaded" rows={5}>
      <div className="grid-2">
        <PeriodForm days={data.days} onSaved={refresh} />
        <section className="card" aria-labelledby="state-heading">
          <h2 id="state-heading">Purge state</h2>
          <dl className="admin-facts">
            <div>
              <dt>Watermark</dt>
              <dd>
                {data.watermark ? formatInstant(data.watermark, timezone) : "None yet"}
                <div className="muted small">Events that occurred before it have been purged, and ingestion refuses them.</div>
              </dd>
            </div>
            <div>
              <dt>Last run</dt>
              <dd>
                {data.lastRun ? (
                  <>
                    {formatInstant(data.lastRun.at, timezone)}
                    <div className="muted small">
                      by {data.lastRun.actor}; {plural(data.lastRun.total, "event", "events")} deleted
                    </div>
                  </>
                ) : (
                  "Never"
                )}
              </dd>
            </div>
          </dl>
          <RunNow workflowName={workflowName} days={data.days} timezone={timezone} onRan={refresh} />
        </section>
      </div>
      <LegalHolds holds={data.holds} workflows={workflows} workflowName={workflowName} timezone={timezone} onChanged={refresh} />
    </LoadState>
  );
}
