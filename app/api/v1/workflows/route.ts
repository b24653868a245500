import { NextResponse } from "next/server";
import { withKey } from "@/lib/api/withKey";
import { workflowsReport } from "@/lib/reports/workflowsReport";

export const GET = withKey("read", async ({ db }) => NextResponse.json(await workflowsReport(db)));
