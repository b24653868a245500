import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { notFound } from "next/navigation";
import { appDatabase } from "@/lib/db/database";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { cohortsReport } from "@/lib/reports/cohortsReport";
import { workflowContext } from "@/lib/reports/workflowContext";
import { filterContextOf, paramSource, readFilters } from "@/lib/ui/workflowFilters";
import { CohortsView } from "./CohortsView";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePage();
  const { key } = await params;
  const workflow = (await listWorkflowOptions(appDatabase())).find((w) => w.key === key);
  return { title: workflow ? `${workflow.name}: cohorts` : "Cohorts" };
}

export default async function CohortsPage({ params, searchParams }: Props) {
  await requirePage();
  const [{ key }, search] = await Promise.all([params, searchParams]);
  const db = appDatabase();
  const context = await workflowContext(db, key);
  if (!context) notFound();
  // Cohorts are compared side by side, so a cohort filter does not apply here.
  const { filters, notices } = readFilters(paramSource({ ...search, cohort: undefined }), filterContextOf(context));
  const report = await cohortsReport(db, {
    workflow: key,
    from: filters.from,
    to: filters.to,
    ...(filters.agentVersion ? { agentVersion: filters.agentVersion } : {}),
  });
  return <CohortsView context={context} initial={{ filters, report }} notices={notices} />;
}
