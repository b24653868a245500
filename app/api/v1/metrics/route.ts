import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseQuery } from "@/lib/api/parse";
import { metricsQuery } from "@/lib/contract/query";
import { metricsReport } from "@/lib/reports/metricsReport";

export const GET = withAuth(async ({ request, db }) => NextResponse.json(await metricsReport(db, parseQuery(request, metricsQuery))));
