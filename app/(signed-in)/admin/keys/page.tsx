import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { listApiKeys } from "@/lib/auth/keys";
import { asJson } from "@/components/admin/types";
import { AdminHeader } from "@/components/admin/AdminTabs";
import { KeysView } from "./KeysView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function KeysPage() {
  await requirePage();
  const db = appDatabase();
  const [keys, workflows, timezone] = await Promise.all([
    listApiKeys(db),
    listWorkflowOptions(db),
    installationTimezone(db),
  ]);
  return (
    <>
      <AdminHeader current="/admin/keys" title="API keys" subtitle="Keys for agents that send events, dashboards and exports that read, and IT automation." />
      <p>What a key can call, with examples: the <Link href="/docs/api">API reference</Link>.</p>
      <KeysView initialKeys={asJson(keys)} workflows={workflows} timezone={timezone} />
    </>
  );
}
