// The dashboard's Export menu: the same contract and the same files as GET /api/v1/exports/weekly. No API key
// for now; accounts and sessions come with a later issue.
import { errorResponse } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { weeklyExportQuery } from "@/lib/contract/query";
import { appDatabase } from "@/lib/db/database";
import { weeklyExportResponse } from "@/lib/exports/render";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  try {
    return await weeklyExportResponse(appDatabase(), parseQuery(request, weeklyExportQuery));
  } catch (error) {
    return errorResponse(error);
  }
}
