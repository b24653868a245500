import { describe, it, expect } from "vitest";
import { formatCount, formatShare, formatWholePercent, pluralize, roundUpToTwoSignificantDigits } from "./format";

describe("formatShare", () => {
  it.each([
    [0.95, "0.95"],
    [0.9, "0.90"],
    [1, "1.00"],
    [0, "0.00"],
    [-0.12, "−0.12"],
    [-0.001, "0.00"],
    [0.12345, "0.12"],
  ])("%s → %s", (value, text) => {
    expect(formatShare(value)).toBe(text);
  });
});

describe("formatWholePercent", () => {
  it.each([
    [0.354, "35%"],
    [0.3, "30%"],
    [-0.12, "−12%"],
    [-0.004, "0%"],
    [1, "100%"],
  ])("%s → %s", (value, text) => {
    expect(formatWholePercent(value)).toBe(text);
  });
});

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [1250, "1,250"],
    [2.5, "2.5"],
    [-3, "−3"],
  ])("%s → %s", (value, text) => {
    expect(formatCount(value)).toBe(text);
  });
});

describe("pluralize", () => {
  it.each([
    [0, "reviews"],
    [1, "review"],
    [2, "reviews"],
  ])("%s → %s", (count, word) => {
    expect(pluralize(count, "review", "reviews")).toBe(word);
  });
});

describe("roundUpToTwoSignificantDigits", () => {
  it.each([
    [1, 1],
    [7, 7],
    [87, 87],
    [99, 99],
    [100, 100],
    [101, 110],
    [1234, 1300],
    [1300, 1300],
    [1001, 1100],
    [98_001, 99_000],
    [99_001, 100_000],
  ])("%s → %s", (value, rounded) => {
    expect(roundUpToTwoSignificantDigits(value)).toBe(rounded);
  });
});
