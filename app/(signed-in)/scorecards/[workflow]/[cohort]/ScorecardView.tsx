// A rollout's scorecard for the steering board: the verdict and why, the criteria, the readiness checklist, drift
// between agent versions, the decision history with snapshots, and the form to record a decision. Prints as the
// board pack on A4.
import Link from "next/link";
import type { Scorecard } from "@/lib/scorecards/scorecard";
import type { RecordedDecision } from "@/lib/scorecards/decisions";
import type { ChecklistEntry } from "@/lib/scorecards/checklist";
import type { RolloutRow } from "@/lib/reports/registry";
import { formatCount, formatDay, formatDuration, formatInstant, formatReduction, formatWindow, plural } from "@/lib/ui/format";
import { metricInfo, PHASE_LABELS, TIER_LABELS } from "@/lib/ui/labels";
import { Breadcrumbs } from "@/components/ui/Breadcrumbs";
import { NoGateBadge, PhaseTag, VerdictBadge } from "@/components/ui/Badges";
import { PrintButton } from "@/components/ui/PrintButton";
import { ExportMenu } from "@/components/ui/ExportMenu";
import { today, weekStart } from "@/lib/time";
import { CriteriaTable } from "@/components/scorecard/CriteriaTable";
import { ChecklistTable, type ChecklistChangeRow } from "@/components/scorecard/ChecklistTable";
import { DriftTable } from "@/components/scorecard/DriftTable";
import { ReviewEvidence } from "@/components/review/ReviewEvidence";
import { DecisionHistory } from "@/components/scorecard/DecisionHistory";
import { DecisionForm } from "./DecisionForm";

export function ScorecardView({
  scorecard,
  noGateReason,
  rollout,
  checklist,
  decisions,
  history,
  timezone,
  generatedAt,
  canDecide,
  canEditChecklist,
}: {
  scorecard: Scorecard | null;
  noGateReason: string | null;
  rollout: RolloutRow | null;
  checklist: ChecklistEntry[];
  decisions: RecordedDecision[];
  history: ChecklistChangeRow[];
  timezone: string;
  generatedAt: string;
  /** Only the steering board records decisions; everyone else sees why the form is missing. */
  canDecide: boolean;
  /** Admins and the workflow's owners edit the readiness checklist. */
  canEditChecklist: boolean;
}) {
  const workflowKey = scorecard?.workflow.key ?? rollout!.workflow;
  const cohortKey = scorecard?.cohort.key ?? rollout!.cohort;
  const workflowName = scorecard?.workflow.name ?? rollout!.workflowName;
  const cohortName = scorecard?.cohort.name ?? rollout!.cohortName;
  const department = scorecard?.cohort.department ?? rollout!.department;
  const phase = scorecard?.phase ?? rollout!.phase;
  const tier = scorecard?.workflow.tier ?? rollout!.tier;

  return (
    <article className="scorecard" aria-labelledby="scorecard-title">
      <Breadcrumbs
        items={[
          { href: "/", label: "Portfolio" },
          { href: `/workflows/${workflowKey}`, label: workflowName },
          { label: `Scorecard: ${cohortName}` },
        ]}
      />
      <header className="page-header">
        <div>
          <div className="eyebrow">
            Scorecard{scorecard ? ` · ${PHASE_LABELS[scorecard.template.from]} → ${PHASE_LABELS[scorecard.template.to]} gate` : ""}
          </div>
          <h1 id="scorecard-title">
            {workflowName} <span className="muted">·</span> {cohortName}
          </h1>
          <p className="subtitle">
            <PhaseTag phase={phase} /> <span className="tag">{TIER_LABELS[tier]} tier</span> {department}
            {rollout?.startedAt ? ` · rollout started ${formatDay(rollout.startedAt)}` : ""} · times in {timezone}
          </p>
        </div>
        <div className="page-actions">
          <Link className="button" href={`/workflows/${workflowKey}?cohort=${cohortKey}`}>
            Trends
          </Link>
          <ExportMenu currentWeekMonday={weekStart(today(timezone, new Date(generatedAt)))} rollout={{ workflow: workflowKey, cohort: cohortKey }} />
          <PrintButton />
        </div>
      </header>
      <p className="print-only small muted">Board pack · printed from Tollgate · generated {formatInstant(generatedAt, timezone)}</p>

      {scorecard ? (
        <ScorecardBody scorecard={scorecard} timezone={timezone} />
      ) : (
        <section className="card scorecard-hero" aria-label="Verdict">
          <div className="verdict-block">
            <span className="verdict-caption">Verdict</span>
            <NoGateBadge reason={noGateReason ?? undefined} />
          </div>
          <div>
            <h2>No gate applies</h2>
            <p>
              This rollout is in the {PHASE_LABELS[phase].toLowerCase()} phase and no gate template leaves that phase for{" "}
              {TIER_LABELS[tier].toLowerCase()}-tier workflows, so there is no go / hold / no-go verdict to compute.
            </p>
            <p className="muted small">{noGateReason}</p>
          </div>
        </section>
      )}

      {!scorecard && (
        <section className="section" aria-labelledby="checklist-title">
          <h2 id="checklist-title">Readiness checklist</h2>
          <div className="card allow-break">
            <ChecklistTable checklist={checklist.map((c) => ({ ...c, required: false }))} history={history} timezone={timezone} editableFor={canEditChecklist ? workflowKey : null} />
          </div>
        </section>
      )}
      {scorecard && (
        <section className="section" aria-labelledby="checklist-title">
          <div className="section-head">
            <h2 id="checklist-title">Readiness checklist</h2>
            <p className="muted small">
              {formatCount(scorecard.checklist.filter((c) => c.required && c.status === "done").length)} of{" "}
              {plural(scorecard.checklist.filter((c) => c.required).length, "required item", "required items")} done
            </p>
          </div>
          <div className="card allow-break">
            <ChecklistTable checklist={scorecard.checklist} history={history} timezone={timezone} editableFor={canEditChecklist ? workflowKey : null} />
          </div>
        </section>
      )}

      {scorecard && (
        <section className="section" aria-labelledby="drift-title">
          <h2 id="drift-title">Drift between agent versions</h2>
          <div className="card">
            <DriftTable drift={scorecard.drift} />
          </div>
        </section>
      )}

      <section className="section" aria-labelledby="decisions-title">
        <div className="section-head">
          <h2 id="decisions-title">Decision history</h2>
          <p className="muted small">Append-only; each decision keeps the scorecard it was made on.</p>
        </div>
        <DecisionHistory decisions={decisions} timezone={timezone} />
      </section>

      {scorecard && scorecard.template.from === scorecard.phase && (
        <section className="section decision-form-card" aria-labelledby="decide-title">
          <h2 id="decide-title">Record the board&apos;s decision</h2>
          <div className="card">
            {canDecide ? (
              <DecisionForm
                workflow={scorecard.workflow.key}
                cohort={scorecard.cohort.key}
                template={scorecard.template.key}
                verdict={scorecard.verdict}
                from={scorecard.template.from}
                to={scorecard.template.to}
              />
            ) : (
              <p className="muted">Only members of the steering board (the board role) record decisions.</p>
            )}
          </div>
        </section>
      )}
    </article>
  );
}

function ScorecardBody({ scorecard, timezone }: { scorecard: Scorecard; timezone: string }) {
  const { totals } = scorecard;
  return (
    <>
      <section className="card scorecard-hero" aria-labelledby="verdict-title">
        <div className="verdict-block">
          <span className="verdict-caption" id="verdict-title">
            Verdict
          </span>
          <VerdictBadge verdict={scorecard.verdict} size="lg" />
          <span className="muted small">
            to {PHASE_LABELS[scorecard.template.to].toLowerCase()} · {scorecard.criteria.filter((c) => c.verdict === "pass").length} of{" "}
            {scorecard.criteria.length} criteria pass
          </span>
        </div>
        <div>
          <h2>{scorecard.verdict === "go" ? "Why it may go ahead" : "Why not yet"}</h2>
          <ul className="reasons">
            {scorecard.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
          <dl className="meta-grid">
            <div>
              <dt>Evidence window</dt>
              <dd>
                {formatWindow(scorecard.window.from, scorecard.window.to)}
                <div className="muted small">{plural(scorecard.template.windowWeeks, "finished week", "finished weeks")}</div>
              </dd>
            </div>
            <div>
              <dt>Gate template</dt>
              <dd>
                {scorecard.template.key} v{scorecard.template.version}
              </dd>
            </div>
            <div>
              <dt>Volume</dt>
              <dd>
                {plural(totals.outputs, "output", "outputs")}
                <div className="muted small">
                  {plural(totals.reviews, "review", "reviews")} · {plural(totals.tasks, "task", "tasks")}
                </div>
              </dd>
            </div>
            <div>
              <dt>Cycle time</dt>
              <dd>
                {formatReduction(scorecard.cycleTimeReduction.value)}
                <div className="muted small">
                  p50 {formatDuration(totals.cycleTime.agent.p50)} vs {scorecard.baseline.p50 === null ? "no baseline" : `${formatDuration(scorecard.baseline.p50)} (${scorecard.baseline.source})`}
                </div>
              </dd>
            </div>
            <div>
              <dt>As of</dt>
              <dd>{formatDay(scorecard.asOf)}</dd>
            </div>
            <div>
              <dt>Newest event</dt>
              <dd>{formatInstant(scorecard.newestEventAt, timezone)}</dd>
            </div>
          </dl>
        </div>
      </section>

      <section className="section" aria-labelledby="criteria-title">
        <div className="section-head">
          <h2 id="criteria-title">Gate criteria</h2>
          <p className="muted small">A rate passes only when its whole 95% interval clears the threshold.</p>
        </div>
        <ReviewEvidence reviews={scorecard.totals.reviews} sampled={scorecard.totals.sampledReviews.reviews} agreement={scorecard.agreement} />
        {scorecard.template.reviews === "sampled" && <p className="muted small">This gate judges precision and the correction rates on the random sample&apos;s reviews only.</p>}
        <div className="card table-card">
          <CriteriaTable criteria={scorecard.criteria} caption={`Gate criteria of ${scorecard.template.key} v${scorecard.template.version}`} />
        </div>
        {scorecard.reviewsStillNeeded.length > 0 && (
          <ul className="review-needs" aria-label="Reviews still needed">
            {scorecard.reviewsStillNeeded.map((needed) => (
              <li key={needed.metric}>
                {metricInfo(needed.metric).label}: {needed.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
