import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseQuery } from "@/lib/api/parse";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { evaluateScorecard } from "@/lib/scorecards/scorecard";

export const GET = withAuth(async ({ request, db }) => NextResponse.json(await evaluateScorecard(db, parseQuery(request, scorecardQuery))));
