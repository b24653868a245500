// A rollout's row in the portfolio: the rollout, its phase and tier, its owners, its three rates over the four
// weeks (each with a sparkline of the weeks and the gate's threshold), its cycle time against the baseline, and
// its verdict, linked to the scorecard.
import Link from "next/link";
import type { PortfolioRow as Row } from "@/lib/scorecards/portfolioReport";
import { formatBounds, formatDuration, formatPercent, formatReduction, formatWeek } from "@/lib/ui/format";
import { PHASE_LABELS, TIER_DESCRIPTIONS, TIER_LABELS, VERDICT_LABELS, formatThreshold, metricInfo } from "@/lib/ui/labels";
import type { RateKey } from "@/lib/ui/portfolioFilters";
import { NoGateBadge, PhaseTag, VerdictBadge } from "@/components/ui/Badges";
import { Sparkline } from "@/components/charts/Sparkline";

const RATE_SAMPLES: Record<RateKey, "reviews" | "tasks"> = { precision: "reviews", correctionRate: "reviews", escalationRate: "tasks" };

function ownerName(owner: string): string {
  return owner.split(",")[0]!.trim();
}

function RateCell({ row, metric }: { row: Row; metric: RateKey }) {
  const interval = row.window[metric];
  const threshold = row.gate.status === "evaluated" ? row.gate.thresholds[metric] : undefined;
  const weeks = row.weeks.map((w) => `${formatWeek(w.periodStart)} ${formatPercent(w[metric].value)}`).join(", ");
  return (
    <td className="num rate-cell">
      <div className="rate-main">
        <Sparkline
          width={64}
          values={row.weeks.map((w) => w[metric].value)}
          reference={threshold?.threshold ?? null}
          label={`${metricInfo(metric).label} by week: ${weeks}${threshold ? `; gate ${formatThreshold(metric, threshold.op, threshold.threshold)}` : ""}`}
        />
        <span className="rate-value">{formatPercent(interval.value)}</span>
      </div>
      <div className="rate-sub muted">{interval.value === null ? `no ${RATE_SAMPLES[metric]}` : formatBounds(interval)}</div>
    </td>
  );
}

function VerdictCell({ row }: { row: Row }) {
  const href = `/scorecards/${row.workflow}/${row.cohort}`;
  const scorecard = `Scorecard of ${row.workflowName}, ${row.cohortName}`;
  if (row.gate.status !== "evaluated") {
    return (
      <td className="verdict-cell">
        <Link href={href} className="verdict-link" aria-label={`${scorecard}: no gate applies`}>
          <NoGateBadge reason={row.gate.reason} />
        </Link>
        <div className="muted small verdict-note">No gate leaves the {PHASE_LABELS[row.phase].toLowerCase()} phase</div>
      </td>
    );
  }
  return (
    <td className="verdict-cell">
      <Link href={href} className="verdict-link" aria-label={`${scorecard}: ${VERDICT_LABELS[row.gate.verdict]}`}>
        <VerdictBadge verdict={row.gate.verdict} />
      </Link>
      <div className="muted small verdict-note" title={row.gate.reasons.join("; ")}>
        to {PHASE_LABELS[row.gate.to]}: {row.gate.reasons[0]}
      </div>
    </td>
  );
}

export function PortfolioRow({ row }: { row: Row }) {
  return (
    <tr>
      <th scope="row" className="rollout-cell">
        <Link href={`/workflows/${row.workflow}?cohort=${row.cohort}`} className="rollout-link">
          {row.workflowName}
        </Link>
        <div className="muted small">
          {row.cohortName} · {row.department}
        </div>
      </th>
      <td className="phase-cell">
        <PhaseTag phase={row.phase} />
        <span className={`tag tier tier-${row.tier}`} title={`${TIER_LABELS[row.tier]} tier: ${TIER_DESCRIPTIONS[row.tier]}`}>
          {TIER_LABELS[row.tier]}
        </span>
      </td>
      <td className="owners small">
        <div title={row.businessOwner}>
          <span className="visually-hidden">Business owner: </span>
          {ownerName(row.businessOwner)}
        </div>
        <div className="muted" title={row.technicalOwner}>
          <span className="visually-hidden">Technical owner: </span>
          {ownerName(row.technicalOwner)}
        </div>
      </td>
      <RateCell row={row} metric="precision" />
      <RateCell row={row} metric="correctionRate" />
      <RateCell row={row} metric="escalationRate" />
      <td className="num">
        <div className="rate-value">{formatReduction(row.cycleTimeReduction.value)}</div>
        <div className="rate-sub muted">
          {row.baseline.p50 === null ? "no baseline" : `vs ${formatDuration(row.baseline.p50)} ${row.baseline.source === "configured" ? "configured" : "measured"}`}
        </div>
      </td>
      <VerdictCell row={row} />
    </tr>
  );
}
