import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseParams } from "@/lib/api/parse";
import { sourceParams } from "@/lib/contract/params";
import { pullRequested } from "@/lib/contract/responses/admin";
import { requestPull } from "@/lib/sources/pull/jobs";

/** "Pull now": the source's pull is made due, and the scheduler's next check (in any instance) runs it. Audited. */
export const POST = withAuth<{ key: string }>(async ({ db, actor, params }) => jsonAnswer(pullRequested, await requestPull(db, parseParams(params, sourceParams).key, actor)));
