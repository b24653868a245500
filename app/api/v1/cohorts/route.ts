import { NextResponse } from "next/server";
import { withKey } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { cohortsQuery } from "@/lib/contract/query";
import { cohortsReport } from "@/lib/reports/cohortsReport";

export const GET = withKey("read", async ({ request, db }) => NextResponse.json(await cohortsReport(db, parseQuery(request, cohortsQuery))));
