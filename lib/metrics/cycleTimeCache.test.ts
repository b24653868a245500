import { describe, expect, it, vi } from "vitest";
import { cycleTimeReduction } from "./cycleTime";
import { mulberry32 } from "../random";

// Counts the bootstraps run: each seeds one generator.
vi.mock("../random", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../random")>();
  return { ...actual, mulberry32: vi.fn(actual.mulberry32) };
});

describe("cycleTimeReduction's remembered intervals", () => {
  const agent = new Map([
    [500, 40],
    [520, 25],
    [540, 10],
  ]);
  const manual = new Map([
    [560, 30],
    [580, 20],
  ]);

  it("bootstraps the same sketches and baseline once, in whatever order their buckets come", () => {
    vi.mocked(mulberry32).mockClear();
    const first = cycleTimeReduction(agent, 1000, { manualCompletions: manual });
    const again = cycleTimeReduction(new Map([...agent].reverse()), 1000, { manualCompletions: new Map([...manual].reverse()) });
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(mulberry32).toHaveBeenCalledTimes(1);
  });

  it("bootstraps again when anything the interval depends on differs", () => {
    vi.mocked(mulberry32).mockClear();
    const base = cycleTimeReduction(agent, 900, { manualCompletions: manual, resamples: 500 });
    cycleTimeReduction(new Map([...agent, [560, 1]]), 900, { manualCompletions: manual, resamples: 500 });
    cycleTimeReduction(agent, 900, { manualCompletions: new Map([...manual, [600, 1]]), resamples: 500 });
    cycleTimeReduction(agent, 901, { manualCompletions: manual, resamples: 500 });
    cycleTimeReduction(agent, 900, { resamples: 500 });
    cycleTimeReduction(agent, 900, { manualCompletions: manual, resamples: 501 });
    cycleTimeReduction(agent, 900, { manualCompletions: manual, resamples: 500, seed: 1 });
    expect(mulberry32).toHaveBeenCalledTimes(7);
    expect(cycleTimeReduction(agent, 900, { manualCompletions: manual, resamples: 500 })).toEqual(base);
    expect(mulberry32).toHaveBeenCalledTimes(7);
  });
});
