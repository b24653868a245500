import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { retentionStatus } from "@/lib/retention/retention";
import { asJson } from "@/components/admin/types";
import { AdminHeader } from "@/components/admin/AdminTabs";
import { RetentionView } from "./RetentionView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Retention" };

export default async function RetentionPage() {
  await requirePage();
  const db = appDatabase();
  const [status, workflows, timezone] = await Promise.all([
    retentionStatus(db),
    listWorkflowOptions(db),
    installationTimezone(db),
  ]);
  return (
    <>
      <AdminHeader
        current="/admin/retention"
        title="Retention"
        subtitle="How long raw events are kept. Rollups, decisions and the audit trail are kept for good, so every figure stays the same after a purge."
      />
      <RetentionView initialStatus={asJson(status)} workflows={workflows} timezone={timezone} />
    </>
  );
}
