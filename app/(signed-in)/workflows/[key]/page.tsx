import type { Metadata } from "next";
import { requirePage } from "@/lib/auth/pageAccess";
import { notFound } from "next/navigation";
import { appDatabase } from "@/lib/db/database";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { metricsReports } from "@/lib/reports/metricsReport";
import { workflowContext } from "@/lib/reports/workflowContext";
import { filterContextOf, paramSource, readFilters } from "@/lib/ui/workflowFilters";
import { requestOrigin } from "@/components/ui/origin";
import { WorkflowView } from "./WorkflowView";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requirePage();
  const { key } = await params;
  const workflow = (await listWorkflowOptions(appDatabase())).find((w) => w.key === key);
  return { title: workflow?.name ?? "Workflow" };
}

export default async function WorkflowPage({ params, searchParams }: Props) {
  await requirePage();
  const [{ key }, search] = await Promise.all([params, searchParams]);
  const db = appDatabase();
  const context = await workflowContext(db, key);
  if (!context) notFound();
  const { filters, notices } = readFilters(paramSource(search), filterContextOf(context));
  const window = { from: filters.from, to: filters.to, ...(filters.agentVersion ? { agentVersion: filters.agentVersion } : {}) };
  const [[weekly, total], origin] = await Promise.all([
    metricsReports(db, { workflow: key, ...(filters.cohort ? { cohort: filters.cohort } : {}) }, [
      { ...window, granularity: "week" },
      { ...window, granularity: "total" },
    ]),
    requestOrigin(),
  ]);
  return <WorkflowView context={context} initial={{ filters, weekly, total }} notices={notices} origin={origin} />;
}
