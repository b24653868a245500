import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { alertsOverview } from "@/lib/alerts/overview";

export const GET = withAuth(async ({ db }) => NextResponse.json(await alertsOverview(db)));
