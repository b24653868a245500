import { withKey } from "@/lib/api/withKey";
import { parseQuery } from "@/lib/api/parse";
import { weeklyExportQuery } from "@/lib/contract/query";
import { weeklyExport } from "@/lib/exports/weekly";
import { CONTENT_TYPES, exportFileName, renderWeekly } from "@/lib/exports/render";

export const GET = withKey("read", async ({ request, db }) => {
  const { week, format } = parseQuery(request, weeklyExportQuery);
  const report = await weeklyExport(db, week);
  return new Response(new Uint8Array(await renderWeekly(report, format)), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${exportFileName(report, format)}"`,
    },
  });
});
