import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseQuery } from "@/lib/api/parse";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { evaluateScorecard, requireScorecard } from "@/lib/scorecards/scorecard";

/** A rollout without a gate is answered 400 naming `template`: the caller has to name one. */
export const GET = withAuth(async ({ request, db }) =>
  NextResponse.json(requireScorecard(await evaluateScorecard(db, parseQuery(request, scorecardQuery)))),
);
