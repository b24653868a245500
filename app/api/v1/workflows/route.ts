import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer } from "@/lib/api/parse";
import { workflowsReport as workflowsAnswer } from "@/lib/contract/responses/reports";
import { workflowsReport } from "@/lib/reports/workflowsReport";

export const GET = withAuth(async ({ db }) => jsonAnswer(workflowsAnswer, await workflowsReport(db)));
