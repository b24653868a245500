import { describe, expect, it } from "vitest";
import { numberPlaceholders } from "./sql";
import { schemaDrift } from "./schema";
import { readMigrations } from "./migrate";

describe("one model, two dialects", () => {
  it("has dialect schemas and migrations that match prisma/model.prisma", () => {
    expect(schemaDrift()).toEqual([]);
  });

  it("has the same migrations for both dialects", () => {
    expect(readMigrations("postgres").map((m) => m.name)).toEqual(readMigrations("sqlite").map((m) => m.name));
  });
});

describe("numberPlaceholders", () => {
  it("numbers ? outside quoted text for Postgres", () => {
    expect(numberPlaceholders(`SELECT "a?" FROM t WHERE x = ? AND y = '?' AND z = ?`)).toBe(
      `SELECT "a?" FROM t WHERE x = $1 AND y = '?' AND z = $2`,
    );
  });
});
