// Words the alerts screens share: each channel type's name and what a channel sends to.
import type { ChannelType } from "@/lib/contract/alerts";
import type { ChannelOverview } from "@/lib/alerts/overview";
import type { Jsonified } from "@/components/admin/types";

export const TYPE_LABELS: Record<ChannelType, string> = { teams: "Microsoft Teams", slack: "Slack", email: "Email", webhook: "Signed webhook" };
export const CHANNEL_TYPES = Object.keys(TYPE_LABELS) as ChannelType[];

export function sendsTo(channel: ChannelOverview | Jsonified<ChannelOverview>): string {
  if (channel.type === "email") return channel.to.join(", ");
  if (channel.type === "webhook") return `the URL in ${channel.urlEnv}, signed with ${channel.secretEnv}`;
  return `the URL in ${channel.urlEnv}`;
}
