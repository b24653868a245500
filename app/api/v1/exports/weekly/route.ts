import { withAuth } from "@/lib/api/withAuth";
import { parseQuery } from "@/lib/api/parse";
import { weeklyExportQuery } from "@/lib/contract/query";
import { weeklyExportResponse } from "@/lib/exports/render";

export const GET = withAuth(async ({ request, db }) => weeklyExportResponse(db, parseQuery(request, weeklyExportQuery)));
