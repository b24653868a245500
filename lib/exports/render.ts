// One place that turns a weekly export into a file of the asked format, for the API and the CLI alike.
import type { ExportFormat } from "@/lib/contract/query";
import { weeklyCsv, weeklyJson } from "./csv";
import { renderWeeklyPdf } from "./pdf";
import type { WeeklyExport } from "./weekly";

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
