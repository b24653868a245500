// The governance readiness checklist: each control area's status, owner and evidence, and its change history.
import type { ChecklistEntry } from "@/lib/scorecards/checklist";
import { formatInstant, NO_VALUE } from "@/lib/ui/format";
import { actorName, CHECKLIST_LABELS, CHECKLIST_STATUS_LABELS } from "@/lib/ui/labels";
import { ChecklistBadge } from "@/components/ui/Badges";
import { ChecklistEditor } from "./ChecklistEditor";

export interface ChecklistChangeRow {
  id: string;
  item: string;
  status: string;
  owner: string | null;
  evidence: string | null;
  changedBy: string;
  changedAt: Date | string;
}

function label(item: string) {
  return (CHECKLIST_LABELS as Record<string, string>)[item] ?? item;
}

export function ChecklistTable({
  checklist,
  history,
  timezone,
  editableFor,
}: {
  checklist: (ChecklistEntry & { required: boolean })[];
  history: ChecklistChangeRow[];
  timezone: string;
  /** The workflow whose items the viewer may edit (an admin, or one of its owners); null for read-only. */
  editableFor: string | null;
}) {
  return (
    <>
      <div className="table-scroll">
        <table className="data checklist">
          <caption className="visually-hidden">Readiness checklist with owners and evidence</caption>
          <thead>
            <tr>
              <th scope="col">Control area</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
              <th scope="col">Evidence</th>
              <th scope="col">Last change</th>
              {editableFor && (
                <th scope="col" className="no-print">
                  <span className="visually-hidden">Edit</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {checklist.map((entry) => (
              <tr key={entry.item}>
                <th scope="row">
                  {label(entry.item)}
                  <div className="muted small">{entry.required ? "Required by this gate" : "Not required by this gate"}</div>
                </th>
                <td>
                  <ChecklistBadge status={entry.status} />
                </td>
                <td>{entry.owner ?? <span className="muted">No owner yet</span>}</td>
                <td className="evidence">{entry.evidence ?? <span className="muted">No evidence recorded</span>}</td>
                <td className="small">
                  {entry.updatedAt ? (
                    <>
                      {formatInstant(entry.updatedAt, timezone)}
                      <div className="muted">by {actorName(entry.updatedBy)}</div>
                    </>
                  ) : (
                    <span className="muted">Never</span>
                  )}
                </td>
                {editableFor && (
                  <td className="no-print">
                    <ChecklistEditor workflow={editableFor} entry={entry} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="history no-print">
        <summary>Checklist change history ({history.length})</summary>
        {history.length === 0 ? (
          <p className="muted small">No change has been recorded yet. Admins and the workflow&apos;s owners edit items here or through PUT /api/v1/workflows/…/checklist/….</p>
        ) : (
          <table className="data compact">
            <caption className="visually-hidden">Checklist changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Control area</th>
                <th scope="col">Status</th>
                <th scope="col">Owner</th>
                <th scope="col">Evidence</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {history.map((change) => (
                <tr key={change.id}>
                  <td>{formatInstant(change.changedAt, timezone)}</td>
                  <td>{label(change.item)}</td>
                  <td>{(CHECKLIST_STATUS_LABELS as Record<string, string>)[change.status] ?? change.status}</td>
                  <td>{change.owner ?? NO_VALUE}</td>
                  <td>{change.evidence ?? NO_VALUE}</td>
                  <td>{actorName(change.changedBy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </>
  );
}
