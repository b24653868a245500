import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { sourcesOverview } from "@/lib/sources/overview";
import { asJson } from "@/components/admin/types";
import { AdminHeader } from "@/components/admin/AdminTabs";
import { SourcesView } from "./SourcesView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Data sources" };

export default async function SourcesPage() {
  await requirePage();
  const db = appDatabase();
  const [{ sources, history, directory, pulls }, timezone] = await Promise.all([sourcesOverview(db), installationTimezone(db)]);
  return (
    <>
      <AdminHeader
        current="/admin/sources"
        title="Data sources"
        subtitle="Microsoft 365 exports (Purview audit logs, Copilot Studio sessions and transcripts) and the workflows their records map to. Preview a file before importing it: nothing is stored until you commit. Sources with a pull block are fetched from Microsoft 365 on their own."
      />
      <SourcesView sources={sources} history={asJson(history)} directory={directory} pulls={pulls} timezone={timezone} />
    </>
  );
}
