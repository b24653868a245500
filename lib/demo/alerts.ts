// The demo's alert channels and rules. Their URLs and the webhook's secret are environment variables the demo leaves
// unset, so the channels show as "not configured" (set DEMO_TEAMS_URL, or DEMO_SIEM_URL and DEMO_SIEM_SECRET, and
// restart to see them deliver); the email channel needs TOLLGATE_SMTP_URL and TOLLGATE_MAIL_FROM.
import type { Alerts } from "@/lib/contract/alerts";

export const demoAlerts = {
  channels: [
    { key: "ops-teams", type: "teams", urlEnv: "DEMO_TEAMS_URL" },
    { key: "siem", type: "webhook", urlEnv: "DEMO_SIEM_URL", secretEnv: "DEMO_SIEM_SECRET" },
    { key: "board-mail", type: "email", to: ["steering-board@contoso.example"] },
  ],
  rules: [
    { on: ["incident.created"], maxSeverity: 1, channel: "siem" },
    { on: ["verdict.changed", "drift.regression", "workflow.quiet"], channel: "ops-teams" },
    { on: ["decision.recorded"], channel: "board-mail" },
  ],
} satisfies Alerts;
