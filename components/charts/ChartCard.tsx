"use client";
// The frame of every chart: a heading, a one-line summary in words (the chart's accessible description), the
// chart, and a "Show data table" toggle with the exact figures: the chart's full text alternative.
import { useId } from "react";
import { useDataTableOpen } from "./DataTableState";

export interface DataTableSpec {
  caption: string;
  columns: string[];
  rows: { key: string; cells: React.ReactNode[] }[];
}

export function ChartCard({
  title,
  subtitle,
  summary,
  table,
  legend,
  height = 220,
  children,
  className = "",
}: {
  title: string;
  subtitle?: React.ReactNode;
  /** What the chart shows, in words: read by screen readers and shown under the chart. */
  summary: string;
  table: DataTableSpec;
  legend?: React.ReactNode;
  height?: number;
  children: React.ReactNode;
  className?: string;
}) {
  const id = useId();
  const [open, setOpen] = useDataTableOpen(title);
  return (
    <figure className={`card chart-card ${className}`} aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`}>
      <div className="chart-head">
        <div>
          <h3 id={`${id}-title`}>{title}</h3>
          {subtitle && <p className="chart-subtitle">{subtitle}</p>}
        </div>
        {legend && <div className="chart-legend">{legend}</div>}
      </div>
      <div className="chart-area" style={{ height }}>
        {children}
      </div>
      <figcaption id={`${id}-summary`} className="chart-summary">
        {summary}
      </figcaption>
      <details className="chart-data" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Show data table</summary>
        <div className="table-scroll">
          <table className="data compact">
            <caption className="visually-hidden">{table.caption}</caption>
            <thead>
              <tr>
                {table.columns.map((column, i) => (
                  <th key={column} scope="col" className={i === 0 ? undefined : "num"}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) =>
                    i === 0 ? (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={i} className="num">
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

export function LegendItem({ kind, label, className = "" }: { kind: "line" | "band" | "dashed" | "bar"; label: string; className?: string }) {
  return (
    <span className={`legend-item ${className}`}>
      <span className={`legend-swatch legend-${kind}`} aria-hidden="true" />
      {label}
    </span>
  );
}
