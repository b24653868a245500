// The dashboard's metrics for a filter change (TanStack Query in the browser): the same contract and the same
// report as GET /api/v1/metrics. No API key for now; accounts and sessions come with a later issue.
import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { metricsQuery } from "@/lib/contract/query";
import { appDatabase } from "@/lib/db/database";
import { metricsReport } from "@/lib/reports/metricsReport";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    return NextResponse.json(await metricsReport(appDatabase(), parseQuery(request, metricsQuery)));
  } catch (error) {
    return errorResponse(error);
  }
}
