import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseQuery } from "@/lib/api/parse";
import { scorecard } from "@/lib/contract/responses/reports";
import { scorecardQuery } from "@/lib/contract/scorecard";
import { evaluateScorecard } from "@/lib/scorecards/scorecard";

export const GET = withAuth(async ({ request, db }) => jsonAnswer(scorecard, await evaluateScorecard(db, parseQuery(request, scorecardQuery))));
