import { withAuth } from "@/lib/api/withAuth";
import { jsonAnswer, parseQuery } from "@/lib/api/parse";
import { auditPage } from "@/lib/contract/responses/admin";
import { auditQuery } from "@/lib/contract/accounts";
import { listAudit } from "@/lib/audit/listAudit";
import { auditCsvFilename, auditCsvStream } from "@/lib/audit/auditCsv";

export const GET = withAuth(async ({ request, db }) => {
  const { format, ...filter } = parseQuery(request, auditQuery);
  if (format !== "csv") return jsonAnswer(auditPage, await listAudit(db, filter));
  const { limit: _limit, ...all } = filter;
  return new Response(auditCsvStream(db, all), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${await auditCsvFilename(db)}"`,
      "cache-control": "no-store",
    },
  });
});
