"use client";
// The cards of an administration screen: its list, a card with a toolbar (the heading, a line under it, and what
// stands at its right: the outcome of the last change, an export) and a table with a hidden caption, column
// headers, an empty row in words and, per row, its actions; and the card of its create form. Also the pieces the
// rows repeat: tags and an active/ended state.
import type { ReactNode } from "react";
import { formatInstant } from "@/lib/ui/format";

export function TableCard({
  titleId,
  title,
  description,
  aside,
  children,
}: {
  titleId: string;
  title: string;
  /** The line under the heading, as a paragraph of its own (it may be a live region). */
  description?: ReactNode;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="section" aria-labelledby={titleId}>
      <div className="card table-card">
        <div className="toolbar">
          <div>
            <h2 id={titleId} className="toolbar-title">
              {title}
            </h2>
            {description}
          </div>
          {aside}
        </div>
        {children}
      </div>
    </section>
  );
}

/** The card of a form that adds something (a user, a key), with its heading. */
export function FormCard({ titleId, title, children }: { titleId: string; title: string; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={titleId}>
      <div className="card">
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </section>
  );
}

export function AdminTable({
  caption,
  columns,
  withActions = false,
  className = "data admin-table",
  empty,
  children,
}: {
  caption: string;
  columns: string[];
  /** A last column, headed for screen readers only, with each row's buttons (RowActions). */
  withActions?: boolean;
  className?: string;
  /** Said in a row of its own when there are no rows; false when there are. */
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {withActions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {empty && (
            <tr>
              <td colSpan={columns.length + (withActions ? 1 : 0)} className="empty-row">
                {empty}
              </td>
            </tr>
          )}
          {children}
        </tbody>
      </table>
    </div>
  );
}

export function RowActions({ children }: { children: ReactNode }) {
  return (
    <td className="actions-cell">
      <div className="row-actions">{children}</div>
    </td>
  );
}

export function TagList({ tags }: { tags: string[] }) {
  return (
    <span className="tag-list">
      {tags.map((tag) => (
        <span key={tag} className="tag">
          {tag}
        </span>
      ))}
    </span>
  );
}

/** "Active", or the state it ended in ("Disabled", "Revoked") with when in its tooltip. */
export function ActiveBadge({ endedAt, ended, timezone }: { endedAt: string | null; ended: string; timezone: string }) {
  if (endedAt === null) return <span className="badge status status-go">Active</span>;
  return (
    <span className="badge status status-no_go" title={`${ended} ${formatInstant(endedAt, timezone)}`}>
      {ended}
    </span>
  );
}
