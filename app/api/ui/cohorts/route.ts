// The dashboard's cohort comparison for a filter change: the same contract and report as GET /api/v1/cohorts.
// No API key for now; accounts and sessions come with a later issue.
import { NextResponse } from "next/server";
import { errorResponse } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { cohortsQuery } from "@/lib/contract/query";
import { appDatabase } from "@/lib/db/database";
import { cohortsReport } from "@/lib/reports/cohortsReport";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    return NextResponse.json(await cohortsReport(appDatabase(), parseQuery(request, cohortsQuery)));
  } catch (error) {
    return errorResponse(error);
  }
}
