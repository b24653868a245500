import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { alertsOverview } from "@/lib/alerts/overview";
import { asJson } from "@/components/admin/types";
import { AdminHeader } from "@/components/admin/AdminTabs";
import { AlertsView } from "./AlertsView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  await requirePage();
  const db = appDatabase();
  const [overview, timezone] = await Promise.all([alertsOverview(db), installationTimezone(db)]);
  return (
    <>
      <AdminHeader
        current="/admin/alerts"
        title="Alerts"
        subtitle="Where Tollgate tells people what changed: Teams, Slack, email and signed webhooks, each alert with every delivery attempt."
      />
      <AlertsView initial={asJson(overview)} timezone={timezone} />
    </>
  );
}
