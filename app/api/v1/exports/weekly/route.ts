import { withKey } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { weeklyExportQuery } from "@/lib/contract/query";
import { weeklyExportResponse } from "@/lib/exports/render";

export const GET = withKey("read", async ({ request, db }) => weeklyExportResponse(db, parseQuery(request, weeklyExportQuery)));
