import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { retentionStatus, setRetentionDays } from "@/lib/retention/retention";

export const GET = withAuth(async ({ db }) => NextResponse.json(await retentionStatus(db)));

export const PUT = withAuth(async ({ request, db, actor }) => {
  const { days } = await parseJsonBody(request, BODIES.retention);
  return NextResponse.json(await setRetentionDays(db, days, actor));
});
