import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { sendTest } from "@/lib/alerts/deliver";

export const POST = withAuth<{ key: string }>(async ({ db, params }) => NextResponse.json(await sendTest(db, params.key)));
