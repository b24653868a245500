import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer } from "@/lib/api/parse";
import { retentionRun } from "@/lib/contract/responses/admin";
import { runRetention } from "@/lib/retention/retention";

export const POST = withAuth(async ({ db, actor }) => jsonAnswer(retentionRun, await runRetention(db, actor)));
