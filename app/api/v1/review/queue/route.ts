import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseQuery } from "@/lib/api/parse";
import { reviewQueueQuery } from "@/lib/contract/review";
import { queueStatus } from "@/lib/review/status";

export const GET = withAuth(async ({ request, db, principal }) => NextResponse.json(await queueStatus(db, principal!, parseQuery(request, reviewQueueQuery))));
