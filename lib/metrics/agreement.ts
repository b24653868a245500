// How well two reviewers of the same output agree, on the items the review queue gave to two reviewers. Verdicts are
// read as the question precision asks: acceptable (accepted or a light edit) or not (a heavy edit or rejected).
//
// Percent agreement is a share of items, with its Wilson interval. Cohen's kappa corrects it for the agreement two
// reviewers would reach by chance from how often each says "acceptable"; its 95% interval is κ ± z·SE with the
// large-sample standard error of Fleiss, Cohen & Everitt (1969), the one statistics packages report (SAS's ASE),
// valid for any κ rather than only under κ = 0. Like any Wald interval it is rough on few items and collapses to
// [1, 1] at perfect agreement; the verdict rule that reads it waits for 30 items and looks only at low kappas.
import type { Verdict } from "@/lib/contract/vocabulary";
import { noEstimate, wilson, Z_95, type Interval } from "./wilson";

export interface Agreement {
  /** Double-reviewed items both figures are computed from. */
  n: number;
  percentAgreement: Interval;
  /** Null throughout without items, or when chance alone explains every agreement (both reviewers always said the same). */
  kappa: Interval;
}

const ACCEPTABLE: ReadonlySet<Verdict> = new Set<Verdict>(["accepted", "light_edit"]);

/** Agreement on items each reviewed twice, given as [first verdict, second verdict]. */
export function reviewerAgreement(pairs: readonly (readonly [Verdict, Verdict])[]): Agreement {
  const n = pairs.length;
  // counts[i][j]: items the first reviewer put in class i and the second in class j (0 acceptable, 1 not).
  const counts = [
    [0, 0],
    [0, 0],
  ];
  for (const [first, second] of pairs) counts[ACCEPTABLE.has(first) ? 0 : 1]![ACCEPTABLE.has(second) ? 0 : 1]!++;
  const agreeing = counts[0]![0]! + counts[1]![1]!;
  return { n, percentAgreement: wilson(agreeing, n), kappa: n === 0 ? noEstimate() : cohensKappa(counts, n) };
}

function cohensKappa(counts: number[][], n: number): Interval {
  const cell = (i: number, j: number) => counts[i]![j]! / n;
  const row = (i: number) => cell(i, 0) + cell(i, 1);
  const column = (j: number) => cell(0, j) + cell(1, j);
  const classes = [0, 1];
  const observed = cell(0, 0) + cell(1, 1);
  const chance = classes.reduce((sum, i) => sum + row(i) * column(i), 0);
  if (chance >= 1) return noEstimate();
  const kappa = (observed - chance) / (1 - chance);

  // Fleiss, Cohen & Everitt (1969), eq. 13: the variance of κ around its own value.
  const onDiagonal = classes.reduce((sum, i) => sum + cell(i, i) * (1 - (row(i) + column(i)) * (1 - kappa)) ** 2, 0);
  const offDiagonal =
    (1 - kappa) ** 2 * (cell(0, 1) * (column(0) + row(1)) ** 2 + cell(1, 0) * (column(1) + row(0)) ** 2);
  const variance = (onDiagonal + offDiagonal - (kappa - chance * (1 - kappa)) ** 2) / (n * (1 - chance) ** 2);
  // Rounding can leave a hair below zero where the variance is exactly zero (perfect agreement).
  const halfWidth = Z_95 * Math.sqrt(Math.max(0, variance));
  return { value: kappa, low: Math.max(-1, kappa - halfWidth), high: Math.min(1, kappa + halfWidth) };
}
