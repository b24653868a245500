// The board's decisions, newest first, each with the scorecard snapshot it was made on (frozen, with its SHA-256).
import type { RecordedDecision } from "@/lib/scorecards/decisions";
import { formatDay, formatInstant, formatWindow, shortHash } from "@/lib/ui/format";
import { actorName, PHASE_LABELS } from "@/lib/ui/labels";
import { DecisionBadge, VerdictBadge } from "@/components/ui/Badges";
import { CriteriaTable } from "./CriteriaTable";

export function DecisionHistory({ decisions, timezone }: { decisions: RecordedDecision[]; timezone: string }) {
  if (decisions.length === 0) {
    return <p className="muted">No decision has been recorded for this rollout yet.</p>;
  }
  return (
    <ol className="decision-list" aria-label="Decisions, newest first">
      {decisions.map((d) => (
        <li key={d.id} className="decision">
          <div className="decision-head">
            <DecisionBadge decision={d.decision} />
            <span className="small">
              on a computed <VerdictBadge verdict={d.computedVerdict} size="sm" /> ·{" "}
              {d.toPhase ? `${PHASE_LABELS[d.fromPhase]} → ${PHASE_LABELS[d.toPhase]}` : `stays in ${PHASE_LABELS[d.fromPhase].toLowerCase()}`}
            </span>
            <span className="when">
              {formatInstant(d.decidedAt, timezone)} · {actorName(d.decidedBy)}
            </span>
          </div>
          <p>{d.rationale}</p>
          {d.override && (
            <div className="override">
              <strong>Override of the computed verdict:</strong> {d.override}
            </div>
          )}
          <div className="muted small decision-foot">
            Gate {d.template.key} v{d.template.version} · snapshot <span className="hash" title={d.snapshotSha256}>sha256 {shortHash(d.snapshotSha256)}</span>
            {d.supersedesId ? " · supersedes the previous decision" : ""}
          </div>
          <details>
            <summary>Scorecard as decided</summary>
            <p className="small muted">
              Window {formatWindow(d.snapshot.window.from, d.snapshot.window.to)} (as of {formatDay(d.snapshot.asOf)}), verdict{" "}
              <VerdictBadge verdict={d.snapshot.verdict} size="sm" />
            </p>
            {d.snapshot.reasons.length > 0 && (
              <ul className="reasons small">
                {d.snapshot.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            )}
            <CriteriaTable criteria={d.snapshot.criteria} caption="Criteria as they stood when the board decided" />
          </details>
        </li>
      ))}
    </ol>
  );
}
