import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseParams } from "@/lib/api/parse";
import { channelParams } from "@/lib/contract/params";
import { alertTestOutcome } from "@/lib/contract/responses/admin";
import { sendTest } from "@/lib/alerts/deliver";

export const POST = withAuth<{ key: string }>(async ({ db, params }) => jsonAnswer(alertTestOutcome, await sendTest(db, parseParams(params, channelParams).key)));
