import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseParams } from "@/lib/api/parse";
import { sourceParams } from "@/lib/contract/params";
import { requestPull } from "@/lib/sources/pull/jobs";

/** "Pull now": the source's pull is made due, and the scheduler's next check (in any instance) runs it. Audited. */
export const POST = withAuth<{ key: string }>(async ({ db, actor, params }) => {
  const { key } = parseParams(params, sourceParams);
  return NextResponse.json(await requestPull(db, key, actor), { status: 202 });
});
