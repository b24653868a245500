"use client";
// Alerts: the channels (the variables each reads, whether they are set, "Send a test"), a form that adds a channel by
// naming its variables, the rules, and the newest alerts with every attempt. No URL or secret is ever shown: the
// server does not know them beyond the environment it reads them from.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import type { AlertsOverview } from "@/lib/alerts/overview";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";
import type { Jsonified } from "@/components/admin/types";
import { AdminTable, TableCard } from "@/components/admin/AdminTable";
import { Channels } from "./Channels";
import { AddChannelForm } from "./AddChannelForm";
import { AlertHistory } from "./AlertHistory";

type OverviewJson = Jsonified<AlertsOverview>;

const ALERTS_KEY = ["admin", "alerts"] as const;

export function AlertsView({ initial, timezone }: { initial: OverviewJson; timezone: string }) {
  const queryClient = useQueryClient();
  const overview = useQuery({
    queryKey: ALERTS_KEY,
    queryFn: ({ signal }) => requestJson<OverviewJson>("/api/v1/alerts", { signal }),
    initialData: initial,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
  if (overview.isPending) return <TableSkeleton rows={6} />;
  if (overview.isError) {
    return <ErrorState title="The alerts could not be loaded" message={overview.error.message} onRetry={() => void overview.refetch()} retrying={overview.isFetching} />;
  }
  const { channels, rules, alerts } = overview.data;
  return (
    <>
      <Channels channels={channels} onChanged={refresh} />
      <AddChannelForm onSaved={refresh} />
      <TableCard
        titleId="rules-heading"
        title="Rules"
        description={<p className="muted small">Which triggers go to which channel. Set them in program.json under alerts.rules (npx tollgate apply or PUT /api/v1/program).</p>}
      >
        <AdminTable caption="Alert rules" columns={["Triggers", "Workflows", "Condition", "Channel"]} empty={rules.length === 0 && "No rules: no alert is written until a rule routes a trigger to a channel."}>
          {rules.map((rule, i) => (
            <tr key={i}>
              <td>{rule.on.join(", ")}</td>
              <td>{rule.workflows?.join(", ") ?? "All workflows"}</td>
              <td className="small">{conditionOf(rule)}</td>
              <td>{rule.channel}</td>
            </tr>
          ))}
        </AdminTable>
      </TableCard>
      <AlertHistory alerts={alerts} timezone={timezone} />
    </>
  );
}

function conditionOf(rule: OverviewJson["rules"][number]): string {
  const parts = [];
  if (rule.on.includes("incident.created")) parts.push(`incidents of severity ${rule.maxSeverity ?? 1}${(rule.maxSeverity ?? 1) > 1 ? " or more serious" : ""}`);
  if (rule.on.includes("workflow.quiet")) parts.push(`quiet for ${rule.quietHours ?? 24} hours`);
  return parts.join("; ") || "—";
}
