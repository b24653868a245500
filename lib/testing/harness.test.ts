import { describe, expect, it } from "vitest";
import { UsageError } from "@/lib/errors";
import { parseDialectChoice, parseSeed, parseToolFlags, textTable } from "./harness";

describe("the bench's and drills' shared flags", () => {
  it("takes the dialect choices and names a wrong one", () => {
    expect(parseDialectChoice(undefined)).toBe("auto");
    expect(parseDialectChoice("both")).toBe("both");
    expect(() => parseDialectChoice("mysql")).toThrow(new UsageError('--dialect is sqlite, postgres or both, got "mysql".'));
  });

  it("takes a whole seed ≥ 0, or the fallback", () => {
    expect(parseSeed(undefined, 7)).toBe(7);
    expect(parseSeed("0", 7)).toBe(0);
    for (const bad of ["-1", "1.5", "x"]) expect(() => parseSeed(bad, 7)).toThrow(UsageError);
  });

  it("refuses unknown flags and positional arguments as usage errors", () => {
    const options = { ci: { type: "boolean" } } as const;
    expect(parseToolFlags(["--ci"], options)).toEqual({ ci: true });
    expect(() => parseToolFlags(["--cj"], options)).toThrow(UsageError);
    expect(() => parseToolFlags(["extra"], options)).toThrow(UsageError);
  });
});

describe("textTable", () => {
  it("pads columns two spaces apart, left or right aligned", () => {
    expect(textTable([["a", "1"], ["bbb", "22"]], "lr", "")).toBe("a     1\nbbb  22");
  });
});
