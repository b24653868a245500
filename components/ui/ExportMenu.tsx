"use client";
// The Export menu: the weekly scorecard export (all rollouts, or one rollout on its scorecard) as CSV, JSON or PDF
// for one of the last finished weeks. The files come from the same export as the API and the CLI.
import { useState } from "react";
import { addDays, isoWeekLabel } from "@/lib/time";
import { formatWindow } from "@/lib/ui/format";
import { ChevronIcon } from "./icons";

const WEEKS_OFFERED = 8;
const FORMATS = [
  { format: "csv", label: "CSV", hint: "for spreadsheets and BI tools" },
  { format: "json", label: "JSON", hint: "with intervals and template versions" },
  { format: "pdf", label: "PDF", hint: "board-ready report" },
] as const;

export function ExportMenu({ currentWeekMonday, rollout }: { currentWeekMonday: string; rollout?: { workflow: string; cohort: string } }) {
  const weeks = Array.from({ length: WEEKS_OFFERED }, (_, i) => {
    const monday = addDays(currentWeekMonday, -7 * (i + 1));
    return { label: isoWeekLabel(monday), range: formatWindow(monday, addDays(monday, 7)) };
  });
  const [week, setWeek] = useState(weeks[0]!.label);
  const href = (format: string) => {
    const params = new URLSearchParams({ week, format, ...(rollout ?? {}) });
    return `/api/v1/exports/weekly?${params.toString()}`;
  };
  return (
    <details className="export-menu no-print">
      <summary className="button">
        Export <ChevronIcon size={12} />
      </summary>
      <div className="export-menu-panel" role="group" aria-label="Weekly export">
        <label className="small">
          Week
          <select value={week} onChange={(event) => setWeek(event.target.value)}>
            {weeks.map((w) => (
              <option key={w.label} value={w.label}>
                {w.label} · {w.range}
              </option>
            ))}
          </select>
        </label>
        <ul>
          {FORMATS.map(({ format, label, hint }) => (
            <li key={format}>
              <a href={href(format)} download>
                {label}
              </a>{" "}
              <span className="muted small">{hint}</span>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
