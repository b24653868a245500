import { describe, it, expect } from "vitest";
import { computeRates, type MetricCounts, type Rates } from "./definitions";

const NOTHING: MetricCounts = {
  outputs: 0,
  reviews: 0,
  accepted: 0,
  lightEdits: 0,
  heavyEdits: 0,
  rejected: 0,
  tasks: 0,
  escalatedTasks: 0,
  activeActors: 0,
  cohortSize: 0,
};
import { wilson } from "./wilson";

function counts(overrides: Partial<MetricCounts>): MetricCounts {
  return { ...NOTHING, ...overrides };
}

const NONE = { value: null, low: null, high: null };

describe("computeRates", () => {
  // Values are worked out by hand from the definitions; intervals are Wilson's on the stated successes and trials.
  it.each<{ name: string; counts: MetricCounts; expected: { [K in keyof Rates]: [number, number] | null } }>([
    {
      name: "a typical window",
      // 12 reviews: 7 accepted + 2 light = 9 precise; 2 light + 2 heavy + 1 rejected = 5 corrected; 3 heavy or rejected.
      counts: counts({
        outputs: 16, reviews: 12, accepted: 7, lightEdits: 2, heavyEdits: 2, rejected: 1,
        tasks: 30, escalatedTasks: 3, activeActors: 12, cohortSize: 20,
      }),
      expected: {
        precision: [9, 12],
        correctionRate: [5, 12],
        heavyCorrectionRate: [3, 12],
        reviewCoverage: [12, 16],
        escalationRate: [3, 30],
        adoptionRate: [12, 20],
      },
    },
    {
      name: "zero denominators everywhere",
      counts: NOTHING,
      expected: {
        precision: null, correctionRate: null, heavyCorrectionRate: null,
        reviewCoverage: null, escalationRate: null, adoptionRate: null,
      },
    },
    {
      name: "outputs but no reviews, tasks but no escalations, no cohort size",
      counts: counts({ outputs: 5, tasks: 4, activeActors: 3, cohortSize: null }),
      expected: {
        precision: null, correctionRate: null, heavyCorrectionRate: null,
        reviewCoverage: [0, 5], escalationRate: [0, 4], adoptionRate: null,
      },
    },
    {
      name: "everything accepted",
      counts: counts({ outputs: 10, reviews: 10, accepted: 10, tasks: 10, activeActors: 5, cohortSize: 5 }),
      expected: {
        precision: [10, 10], correctionRate: [0, 10], heavyCorrectionRate: [0, 10],
        reviewCoverage: [10, 10], escalationRate: [0, 10], adoptionRate: [5, 5],
      },
    },
    {
      name: "everything rejected and escalated",
      counts: counts({ outputs: 4, reviews: 4, rejected: 4, tasks: 4, escalatedTasks: 4, activeActors: 1, cohortSize: 8 }),
      expected: {
        precision: [0, 4], correctionRate: [4, 4], heavyCorrectionRate: [4, 4],
        reviewCoverage: [4, 4], escalationRate: [4, 4], adoptionRate: [1, 8],
      },
    },
    {
      name: "light edits count as precise and as corrections, not as heavy corrections",
      counts: counts({ outputs: 3, reviews: 3, lightEdits: 3, tasks: 3, cohortSize: 0 }),
      expected: {
        precision: [3, 3], correctionRate: [3, 3], heavyCorrectionRate: [0, 3],
        reviewCoverage: [3, 3], escalationRate: [0, 3], adoptionRate: null,
      },
    },
    {
      name: "more reviews than outputs and more actors than the cohort size cap at 1",
      counts: counts({ outputs: 8, reviews: 10, accepted: 10, tasks: 10, activeActors: 7, cohortSize: 6 }),
      expected: {
        precision: [10, 10], correctionRate: [0, 10], heavyCorrectionRate: [0, 10],
        reviewCoverage: [8, 8], escalationRate: [0, 10], adoptionRate: [6, 6],
      },
    },
  ])("$name", ({ counts: input, expected }) => {
    const rates = computeRates(input);
    for (const [name, share] of Object.entries(expected) as [keyof Rates, [number, number] | null][]) {
      expect(rates[name], name).toEqual(share === null ? NONE : wilson(share[0], share[1]));
    }
  });

  it("reports the hand-computed values of the typical window", () => {
    const rates = computeRates(
      counts({
        outputs: 16, reviews: 12, accepted: 7, lightEdits: 2, heavyEdits: 2, rejected: 1,
        tasks: 30, escalatedTasks: 3, activeActors: 12, cohortSize: 20,
      }),
    );
    expect(rates.precision.value).toBe(0.75);
    expect(rates.correctionRate.value).toBeCloseTo(5 / 12, 12);
    expect(rates.heavyCorrectionRate.value).toBe(0.25);
    expect(rates.reviewCoverage.value).toBe(0.75);
    expect(rates.escalationRate.value).toBeCloseTo(0.1, 12);
    expect(rates.adoptionRate.value).toBe(0.6);
    // Wilson 9 of 12: [0.4677, 0.9111].
    expect(rates.precision.low).toBeCloseTo(0.4677, 4);
    expect(rates.precision.high).toBeCloseTo(0.9111, 4);
  });
});
