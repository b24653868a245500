import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { runRetention } from "@/lib/retention/retention";

export const POST = withAuth(async ({ db, actor }) => NextResponse.json(await runRetention(db, actor)));
