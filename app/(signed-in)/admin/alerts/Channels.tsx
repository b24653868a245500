"use client";
// The channels: the variables each reads, whether they are set, and "Send a test".
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import type { AlertsOverview } from "@/lib/alerts/overview";
import { CheckIcon, CrossIcon } from "@/components/ui/icons";
import { FormMessage, messageOf, type Outcome } from "@/components/ui/FormMessage";
import type { Jsonified } from "@/components/admin/types";
import { AdminTable, RowActions, TableCard } from "@/components/admin/AdminTable";
import { sendsTo, TYPE_LABELS } from "./channelTypes";

export function Channels({ channels, onChanged }: { channels: Jsonified<AlertsOverview>["channels"]; onChanged: () => void }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  const test = useMutation({
    mutationFn: (key: string) => requestJson<{ delivered: boolean; code: number | null; error?: string }>(`/api/v1/alerts/channels/${encodeURIComponent(key)}/test`, { method: "POST" }),
    onSuccess: (result, key) => {
      setOutcome(
        result.delivered
          ? { kind: "ok", text: `The test reached ${key} (answer ${result.code}).` }
          : { kind: "error", text: `The test did not reach ${key}: ${result.error}.` },
      );
      onChanged();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });
  return (
    <TableCard
      titleId="channels-heading"
      title="Channels"
      description={<p className="muted small">A channel names the environment variables that hold its URL and secret; their values are never stored or shown.</p>}
      aside={<FormMessage outcome={outcome} />}
    >
      <AdminTable
        caption="Alert channels"
        columns={["Channel", "Type", "Sends to", "Status"]}
        withActions
        empty={channels.length === 0 && "No channels yet: add one below or in program.json under alerts.channels."}
      >
        {channels.map((channel) => (
          <tr key={channel.key}>
            <th scope="row" className="strong">{channel.key}</th>
            <td>{TYPE_LABELS[channel.type]}</td>
            <td className="small">{sendsTo(channel)}</td>
            <td>
              {channel.problem ? (
                <span className="badge badge-sm status-hold" title={channel.problem}><CrossIcon size={12} /><span>Not configured</span></span>
              ) : (
                <span className="badge badge-sm status-go"><CheckIcon size={12} /><span>Configured</span></span>
              )}
              {channel.problem && <div className="muted small">{channel.problem.replace(/^not configured: /, "")}</div>}
            </td>
            <RowActions>
              <button type="button" className="button" onClick={() => test.mutate(channel.key)} disabled={test.isPending} aria-label={`Send a test to ${channel.key}`}>
                {test.isPending && test.variables === channel.key ? "Sending…" : "Send a test"}
              </button>
            </RowActions>
          </tr>
        ))}
      </AdminTable>
    </TableCard>
  );
}
