import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseQuery } from "@/lib/api/parse";
import { metricsReport as metricsAnswer } from "@/lib/contract/responses/reports";
import { metricsQuery } from "@/lib/contract/query";
import { metricsReport } from "@/lib/reports/metricsReport";

export const GET = withAuth(async ({ request, db }) => jsonAnswer(metricsAnswer, await metricsReport(db, parseQuery(request, metricsQuery))));
