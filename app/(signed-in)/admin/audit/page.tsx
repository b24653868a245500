import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { appDatabase } from "@/lib/db/database";
import { installationTimezone } from "@/lib/time/installation";
import { listAudit } from "@/lib/audit/listAudit";
import { auditQuery } from "@/lib/contract/accounts";
import { fieldErrors } from "@/lib/contract/common";
import { asJson } from "@/components/admin/types";
import { AdminHeader } from "@/components/admin/AdminTabs";
import { AuditView } from "./AuditView";
import { AUDIT_FILTER_FIELDS, type AuditFilters } from "@/components/admin/types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit trail" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  await requirePage();
  const raw = await searchParams;
  const filters: AuditFilters = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = raw[field];
    const text = Array.isArray(value) ? value[0] : value;
    if (text?.trim()) filters[field] = text.trim();
  }
  const parsed = auditQuery.safeParse(filters);
  const problem = parsed.success ? null : fieldErrors(parsed.error).map((e) => `${e.path} ${e.message}`).join("; ");
  const db = appDatabase();
  const [page, timezone] = await Promise.all([listAudit(db, parsed.success ? parsed.data : { before: 0 }), installationTimezone(db)]);
  return (
    <>
      <AdminHeader
        current="/admin/audit"
        title="Audit trail"
        subtitle="Every change and every failed sign-in: who, what, when, from where, with the state before and after. Records are never edited or removed."
      />
      <AuditView filters={filters} problem={problem} initialPage={asJson(page)} timezone={timezone} />
    </>
  );
}
