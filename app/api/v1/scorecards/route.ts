import { NextResponse } from "next/server";
import { withKey } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { evaluateScorecard } from "@/lib/scorecards/scorecard";

export const GET = withKey("read", async ({ request, db }) => NextResponse.json(await evaluateScorecard(db, parseQuery(request, scorecardQuery))));
