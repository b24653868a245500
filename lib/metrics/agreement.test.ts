import { describe, expect, it } from "vitest";
import type { Verdict } from "@/lib/contract/vocabulary";
import { mulberry32 } from "@/lib/random";
import { reviewerAgreement } from "./agreement";

type Pair = [Verdict, Verdict];

/**
 * Pairs from a 2×2 table: `both` items both reviewers found acceptable, `firstOnly` the first did and the second
 * did not, `secondOnly` the reverse, `neither` neither did. Each cell mixes the verdicts that mean the same class.
 */
function table(both: number, firstOnly: number, secondOnly: number, neither: number): Pair[] {
  const cycle = <T>(options: T[], count: number) => Array.from({ length: count }, (_, i) => options[i % options.length]!);
  return [
    ...cycle<Pair>([["accepted", "accepted"], ["accepted", "light_edit"], ["light_edit", "light_edit"]], both),
    ...cycle<Pair>([["accepted", "rejected"], ["light_edit", "heavy_edit"]], firstOnly),
    ...cycle<Pair>([["heavy_edit", "accepted"], ["rejected", "light_edit"]], secondOnly),
    ...cycle<Pair>([["rejected", "rejected"], ["heavy_edit", "rejected"], ["heavy_edit", "heavy_edit"]], neither),
  ];
}

describe("reviewerAgreement", () => {
  // Expected figures computed by hand from the closed forms (the first row written out: p_o = 0.7, p_e = 0.5·0.6 +
  // 0.5·0.4 = 0.5, κ = 0.4; A = 0.4·(1 − 1.1·0.6)² + 0.3·(1 − 0.9·0.6)² = 0.10972, B = 0.6²·(0.1·1.1² + 0.2·0.9²)
  // = 0.10188, C = (0.4 − 0.5·0.6)² = 0.01, SE = √((A + B − C)/(50·0.5²)) = 0.1270), rounded to 4 decimals.
  it.each([
    { cells: [20, 5, 10, 15], agreement: [0.7, 0.5625, 0.809], kappa: [0.4, 0.1511, 0.6489] },
    { cells: [80, 5, 5, 10], agreement: [0.9, 0.8256, 0.9448], kappa: [0.6078, 0.3871, 0.8286] },
    { cells: [12, 3, 4, 11], agreement: [0.7667, 0.5907, 0.8821], kappa: [0.5333, 0.2313, 0.8354] },
    { cells: [5, 20, 20, 5], agreement: [0.2, 0.1124, 0.3304], kappa: [-0.6, -0.8217, -0.3783] },
    { cells: [30, 0, 0, 10], agreement: [1, 0.9124, 1], kappa: [1, 1, 1] },
  ])("table $cells → agreement $agreement, kappa $kappa", ({ cells, agreement, kappa }) => {
    const [both, firstOnly, secondOnly, neither] = cells as [number, number, number, number];
    const result = reviewerAgreement(table(both, firstOnly, secondOnly, neither));
    expect(result.n).toBe(both + firstOnly + secondOnly + neither);
    for (const [interval, expected] of [
      [result.percentAgreement, agreement],
      [result.kappa, kappa],
    ] as const) {
      expect(interval.value).toBeCloseTo(expected[0]!, 4);
      expect(interval.low).toBeCloseTo(expected[1]!, 4);
      expect(interval.high).toBeCloseTo(expected[2]!, 4);
    }
  });

  it("has no estimate without double-reviewed items", () => {
    const empty = { value: null, low: null, high: null };
    expect(reviewerAgreement([])).toEqual({ n: 0, percentAgreement: empty, kappa: empty });
  });

  it("has no kappa when both reviewers always gave the same class, which chance alone explains", () => {
    const result = reviewerAgreement(table(25, 0, 0, 0));
    expect(result.percentAgreement.value).toBe(1);
    expect(result.kappa).toEqual({ value: null, low: null, high: null });
  });

  it("counts a light edit as acceptable and a heavy edit as not", () => {
    const pairs: Pair[] = [
      ["accepted", "light_edit"],
      ["heavy_edit", "rejected"],
      ["light_edit", "heavy_edit"],
      ["rejected", "accepted"],
    ];
    expect(reviewerAgreement(pairs).percentAgreement.value).toBe(0.5);
  });

  it("covers the true kappa about 95% of the time", () => {
    // Cells 0.5, 0.1, 0.1, 0.3: both marginals 0.6, p_e = 0.52, p_o = 0.8, κ = 0.28/0.48.
    const trueKappa = 0.28 / 0.48;
    const random = mulberry32(20261127);
    const draw = (): Pair => {
      const u = random();
      return u < 0.5 ? ["accepted", "accepted"] : u < 0.6 ? ["accepted", "rejected"] : u < 0.7 ? ["rejected", "accepted"] : ["rejected", "rejected"];
    };
    const runs = 2000;
    let covered = 0;
    for (let run = 0; run < runs; run++) {
      const { kappa } = reviewerAgreement(Array.from({ length: 100 }, draw));
      if (kappa.low! <= trueKappa && trueKappa <= kappa.high!) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.93);
    expect(covered / runs).toBeLessThan(0.97);
  });
});
