import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseQuery } from "@/lib/api/parse";
import { cohortsReport as cohortsAnswer } from "@/lib/contract/responses/reports";
import { cohortsQuery } from "@/lib/contract/query";
import { cohortsReport } from "@/lib/reports/cohortsReport";

export const GET = withAuth(async ({ request, db }) => jsonAnswer(cohortsAnswer, await cohortsReport(db, parseQuery(request, cohortsQuery))));
