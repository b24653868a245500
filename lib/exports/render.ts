// One place that turns a weekly export into a file of the asked format, for the API and the CLI alike.
import type { Database } from "@/lib/db/database";
import type { ExportFormat, WeeklyExportQuery } from "@/lib/contract/query";
import { weeklyCsv, weeklyJson } from "./csv";
import { renderWeeklyPdf } from "./pdf";
import { weeklyExport, type WeeklyExport } from "./weekly";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};

export async function renderWeekly(report: WeeklyExport, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case "csv":
      return Buffer.from(weeklyCsv(report), "utf8");
    case "json":
      return Buffer.from(`${JSON.stringify(weeklyJson(report), null, 2)}\n`, "utf8");
    case "pdf":
      return renderWeeklyPdf(report);
  }
}

export function exportFileName(report: WeeklyExport, format: ExportFormat): string {
  return `tollgate-${report.week}.${format}`;
}

/** The weekly export as a download, for the API and the dashboard's Export menu alike. */
export async function weeklyExportResponse(db: Database, query: WeeklyExportQuery): Promise<Response> {
  const rollout = query.workflow && query.cohort ? { workflow: query.workflow, cohort: query.cohort } : undefined;
  const report = await weeklyExport(db, query.week, { rollout });
  const name = exportFileName(report, query.format).replace(/(\.\w+)$/, rollout ? `-${rollout.workflow}-${rollout.cohort}$1` : "$1");
  return new Response(new Uint8Array(await renderWeekly(report, query.format)), {
    headers: { "content-type": CONTENT_TYPES[query.format], "content-disposition": `attachment; filename="${name}"` },
  });
}
