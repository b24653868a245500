// Estimates with their 95% intervals on one shared axis (a forest plot), one row per cohort, each with its own gate
// threshold. Plain HTML/CSS, rendered on the server; every row also says its figures in words.
import { formatWholePercent } from "@/lib/gates/format";
import { formatCount, formatInterval } from "@/lib/ui/format";
import { formatThreshold } from "@/lib/ui/labels";

export interface IntervalRow {
  key: string;
  label: string;
  sublabel?: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  sample: string;
  threshold?: { op: ">=" | "<="; value: number } | null;
}

export function IntervalPlot({ metric, rows, caption }: { metric: string; rows: IntervalRow[]; caption: string }) {
  const points = rows.flatMap((r) => [r.low, r.high, r.value, r.threshold?.value ?? null]).filter((v): v is number => v !== null);
  // Shares live in [0, 1]; a cycle-time reduction can be negative (slower than the baseline).
  const floor = Math.min(0, ...points);
  const lo = points.length ? Math.max(floor, Math.floor(Math.min(...points) * 20 - 0.5) / 20) : 0;
  const hi = points.length ? Math.min(1, Math.ceil(Math.max(...points) * 20 + 0.5) / 20) : 1;
  const span = hi - lo || 1;
  const at = (v: number) => `${((v - lo) / span) * 100}%`;
  return (
    <div className="interval-plot" role="table" aria-label={caption}>
      <div role="rowgroup" className="visually-hidden">
        <div role="row">
          <span role="columnheader">Cohort</span>
          <span role="columnheader">Estimate and 95% interval</span>
        </div>
      </div>
      <div role="rowgroup">
        {rows.map((row) => (
          <div role="row" key={row.key} className="interval-row">
            <span role="rowheader" className="interval-label">
              <span>{row.label}</span>
              {row.sublabel && <span className="muted small">{row.sublabel}</span>}
            </span>
            <span role="cell" className="interval-cell">
              <span className="interval-track" aria-hidden="true">
                {row.low !== null && row.high !== null && (
                  <span className="interval-band" style={{ left: at(row.low), width: `calc(${at(row.high)} - ${at(row.low)})` }} />
                )}
                {row.value !== null && <span className="interval-dot" style={{ left: at(row.value) }} />}
                {row.threshold && <span className="interval-threshold" style={{ left: at(row.threshold.value) }} title={`Gate ${formatThreshold(metric, row.threshold.op, row.threshold.value)}`} />}
              </span>
              <span className="interval-text">
                {row.value === null ? `No estimate (no ${row.sample})` : formatInterval(row)}
                <span className="muted">
                  {" "}
                  · n = {formatCount(row.n)}
                  {row.threshold ? ` · gate ${formatThreshold(metric, row.threshold.op, row.threshold.value)}` : " · no gate"}
                </span>
              </span>
            </span>
          </div>
        ))}
      </div>
      <div className="interval-axis" aria-hidden="true">
        <span />
        <span className="interval-axis-scale">
          <span>{formatWholePercent(lo)}</span>
          <span>{formatWholePercent(hi)}</span>
        </span>
      </div>
    </div>
  );
}
