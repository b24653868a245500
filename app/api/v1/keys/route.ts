import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { parseJsonBody } from "@/lib/api/parse";
import { BODIES } from "@/lib/contract/bodies";
import { createApiKey, listApiKeys } from "@/lib/auth/keys";

/** Every key with its prefix (the secret is never stored, its hash never leaves the database). */
export const GET = withAuth(async ({ db }) => NextResponse.json({ keys: await listApiKeys(db) }));

/** A new key: its secret is in this answer only. */
export const POST = withAuth(async ({ request, db, actor }) => {
  const input = await parseJsonBody(request, BODIES.key);
  return NextResponse.json(await createApiKey(db, input, actor), { status: 201, headers: { "cache-control": "no-store" } });
});
