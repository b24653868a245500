import { NextResponse } from "next/server";
import { withAuth } from "@/lib/api/withAuth";
import { workflowsReport } from "@/lib/reports/workflowsReport";

export const GET = withAuth(async ({ db }) => NextResponse.json(await workflowsReport(db)));
