import { NextResponse } from "next/server";
import { withKey } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { metricsQuery } from "@/lib/contract/query";
import { metricsReport } from "@/lib/reports/metricsReport";

export const GET = withKey("read", async ({ request, db }) => NextResponse.json(await metricsReport(db, parseQuery(request, metricsQuery))));
