import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer } from "@/lib/api/parse";
import { alertsOverview as alertsAnswer } from "@/lib/contract/responses/admin";
import { alertsOverview } from "@/lib/alerts/overview";

export const GET = withAuth(async ({ db }) => jsonAnswer(alertsAnswer, await alertsOverview(db)));
