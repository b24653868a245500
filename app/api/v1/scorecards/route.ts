import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseQuery } from "@/lib/api/parse";
import { scorecard } from "@/lib/contract/responses/reports";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { evaluateScorecard, requireScorecard } from "@/lib/scorecards/scorecard";

/** A rollout without a gate is answered 400 naming `template`: the caller has to name one. */
export const GET = withAuth(async ({ request, db }) =>
  jsonAnswer(scorecard, requireScorecard(await evaluateScorecard(db, parseQuery(request, scorecardQuery)))),
);
