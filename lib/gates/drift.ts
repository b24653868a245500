// Drift between agent versions: when a window holds outputs of more than one agent version, the newest is compared
// with the one before it, so a release that made things worse shows up on the scorecard even while the window's
// totals still look fine.
import { noEstimate, wilson, type Interval } from "@/lib/metrics/wilson";
import type { ReviewCounts, TaskCounts } from "@/lib/metrics/definitions";
import { formatShare } from "./format";

/**
 * The difference of two shares x1/n1 − x2/n2 with Newcombe's hybrid score interval (method 10 in Newcombe, 1998,
 * "Interval estimation for the difference between independent proportions"): each share's Wilson interval, combined
 * as a square-root sum of the distances from each estimate to its bounds. Like Wilson's, it stays sensible at 0 of n
 * and n of n and for small samples, where the Wald interval of the difference is too narrow. No estimate when either
 * sample is empty.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number): Interval {
  const first = wilson(x1, n1);
  const second = wilson(x2, n2);
  if (first.value === null || second.value === null) return noEstimate();
  // wilson gives all three of value, low and high, or none of them.
  const [p1, l1, u1] = [first.value, first.low!, first.high!];
  const [p2, l2, u2] = [second.value, second.low!, second.high!];
  const difference = p1 - p2;
  return {
    value: difference,
    low: difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    high: difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  };
}

/** What one agent version did in the window. `version` is the agent's own label; "" when events named none. */
export interface VersionCounts extends ReviewCounts, TaskCounts {
  version: string;
}

export interface DriftFinding {
  metric: "precision" | "correctionRate" | "escalationRate";
  newer: string;
  older: string;
  newerValue: number | null;
  olderValue: number | null;
  /** newer − older with its 95% interval; no estimate when either version has no reviews (or tasks). */
  difference: Interval;
  /** Whether the whole interval lies on the worse side of no change. */
  regression: boolean;
  reason: string;
}

interface DriftMetric {
  metric: DriftFinding["metric"];
  name: string;
  /** The plural of what the share is taken of, for "no reviews on 1.5.0". */
  sample: string;
  higherIsBetter: boolean;
  share: (counts: VersionCounts) => { successes: number; trials: number };
}

/** The same definitions as the rates of lib/metrics/definitions.ts. */
const DRIFT_METRICS: DriftMetric[] = [
  {
    metric: "precision",
    name: "precision",
    sample: "reviews",
    higherIsBetter: true,
    share: (c) => ({ successes: c.accepted + c.lightEdits, trials: c.reviews }),
  },
  {
    metric: "correctionRate",
    name: "correction rate",
    sample: "reviews",
    higherIsBetter: false,
    share: (c) => ({ successes: c.lightEdits + c.heavyEdits + c.rejected, trials: c.reviews }),
  },
  {
    metric: "escalationRate",
    name: "escalation rate",
    sample: "tasks",
    higherIsBetter: false,
    share: (c) => ({ successes: c.escalatedTasks, trials: c.tasks }),
  },
];

/**
 * Versions in release order, oldest first. Version labels are free text, so they are ordered by numeric-aware string
 * comparison: runs of digits compare as numbers, so 1.10.0 comes after 1.9.0 and v10 after v9. It does not know
 * semantic-versioning pre-releases: 1.5.0-rc.1 sorts after 1.5.0.
 */
function inReleaseOrder(versions: VersionCounts[]): VersionCounts[] {
  return [...versions].sort((a, b) => a.version.localeCompare(b.version, "en", { numeric: true }));
}

/**
 * Compares the newest agent version in the window with the previous one on precision, correction rate and
 * escalation rate: one finding per metric, or none when the window holds fewer than two versions. Counts with no
 * version ("") are left out, as they cannot be placed in the release order. Expects one entry per version.
 */
export function compareVersions(versions: VersionCounts[]): DriftFinding[] {
  const labelled = inReleaseOrder(versions.filter((counts) => counts.version !== ""));
  const duplicate = labelled.find((counts, i) => i > 0 && labelled[i - 1]?.version === counts.version);
  if (duplicate) throw new RangeError(`agent version "${duplicate.version}" is listed more than once`);
  const newer = labelled.at(-1);
  const older = labelled.at(-2);
  if (newer === undefined || older === undefined) return [];
  return DRIFT_METRICS.map((metric) => compareOn(metric, newer, older));
}

function compareOn(metric: DriftMetric, newer: VersionCounts, older: VersionCounts): DriftFinding {
  const newerShare = metric.share(newer);
  const olderShare = metric.share(older);
  const versions = { metric: metric.metric, newer: newer.version, older: older.version };
  if (newerShare.trials === 0 || olderShare.trials === 0) {
    const without = [older, newer]
      .filter((counts) => metric.share(counts).trials === 0)
      .map((counts) => counts.version);
    return {
      ...versions,
      newerValue: newerShare.trials === 0 ? null : newerShare.successes / newerShare.trials,
      olderValue: olderShare.trials === 0 ? null : olderShare.successes / olderShare.trials,
      difference: noEstimate(),
      regression: false,
      reason: `${metric.name} cannot be compared: no ${metric.sample} on ${without.join(" or ")}`,
    };
  }

  const newerValue = newerShare.successes / newerShare.trials;
  const olderValue = olderShare.successes / olderShare.trials;
  const difference = newcombeDifference(
    newerShare.successes,
    newerShare.trials,
    olderShare.successes,
    olderShare.trials,
  );
  // Both versions have a sample, so the difference and both its bounds exist.
  const [change, low, high] = [difference.value!, difference.low!, difference.high!];
  const from = `${formatShare(olderValue)} on ${older.version}`;
  const to = `${formatShare(newerValue)} on ${newer.version}`;
  const movement =
    change === 0
      ? `held at ${formatShare(newerValue)} on ${older.version} and ${newer.version}`
      : `${change > 0 ? "rose" : "fell"} from ${from} to ${to}`;
  const withinNoise = change !== 0 && low <= 0 && high >= 0;
  return {
    ...versions,
    newerValue,
    olderValue,
    difference,
    regression: metric.higherIsBetter ? high < 0 : low > 0,
    reason:
      `${metric.name} ${movement} (difference ${formatShare(change)} [${formatShare(low)}, ${formatShare(high)}])` +
      (withinNoise ? ", too small to tell apart from no change" : ""),
  };
}
