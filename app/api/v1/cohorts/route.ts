import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseQuery } from "@/lib/api/parse";
import { cohortsQuery } from "@/lib/contract/query";
import { cohortsReport } from "@/lib/reports/cohortsReport";

export const GET = withAuth(async ({ request, db }) => NextResponse.json(await cohortsReport(db, parseQuery(request, cohortsQuery))));
