import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { retentionUpdate } from "@/lib/contract/accounts";
import { retentionStatus, setRetentionDays } from "@/lib/retention/retention";

const MAX_RETENTION_BYTES = 1024;

export const GET = withAuth(async ({ db }) => NextResponse.json(await retentionStatus(db)));

export const PUT = withAuth(async ({ request, db, actor }) => {
  const { days } = await parseJsonBody(request, retentionUpdate, MAX_RETENTION_BYTES);
  return NextResponse.json(await setRetentionDays(db, days, actor));
});
