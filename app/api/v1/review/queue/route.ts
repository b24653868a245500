import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseQuery } from "@/lib/api/parse";
import { queueStatus as queueStatusAnswer } from "@/lib/contract/responses/review";
import { reviewQueueQuery } from "@/lib/contract/review";
import { queueStatus } from "@/lib/review/status";

export const GET = withAuth(async ({ request, db, principal }) => jsonAnswer(queueStatusAnswer, await queueStatus(db, principal!, parseQuery(request, reviewQueueQuery))));
