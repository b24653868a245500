import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { listUsers } from "@/lib/auth/users";
import { asJson } from "@/components/admin/types";
import { AdminHeader } from "@/components/admin/AdminTabs";
import { UsersView } from "./UsersView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePage();
  const db = appDatabase();
  const [users, workflows, timezone] = await Promise.all([
    listUsers(db),
    listWorkflowOptions(db),
    installationTimezone(db),
  ]);
  return (
    <>
      <AdminHeader current="/admin/users" title="Users" subtitle="Who signs in, with which roles; owners edit the checklists of their workflows." />
      <UsersView initialUsers={asJson(users)} workflows={workflows} timezone={timezone} currentEmail={me?.email ?? null} />
    </>
  );
}
