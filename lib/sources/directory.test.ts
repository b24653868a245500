import { describe, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { applyProgram, ProgramError } from "@/lib/program/applyProgram";
import { installationSettings } from "@/lib/db/settings";
import { directoryCounts, importDirectory } from "./directory";
import { cohortAt, DirectoryLookup } from "./read/directoryLookup";
import { storedMemberships } from "./read/storedMemberships";

const day = (d: string) => new Date(`${d}T00:00:00Z`);

describe("cohortAt", () => {
  const history = [
    { person: "p", since: day("2026-09-01"), cohort: "support-pilot" },
    { person: "p", since: day("2026-11-01"), cohort: "support-department" },
  ];
  it.each([
    ["2026-08-15", "support-pilot"],
    ["2026-09-01", "support-pilot"],
    ["2026-10-31", "support-pilot"],
    ["2026-11-01", "support-department"],
    ["2027-01-01", "support-department"],
  ])("at %s → %s (before the first import, the first cohort; a move counts from its import on)", (at, cohort) => {
    expect(cohortAt(history, day(at))).toBe(cohort);
  });
  it("knows nobody without memberships", () => expect(cohortAt([], day("2026-11-01"))).toBeNull());
});

async function* text(content: string) {
  yield content;
}

describeEachDatabase("the directory", (database) => {
  it("refuses unknown cohorts with their line numbers and writes nothing", async () => {
    await applyProgram(database(), testProgram, testActor);
    const csv = "user,objectId,cohort\nann@x.example,,support-pilot\nbob@x.example,,no-such\n,,sales-pilot\n";
    await expect(importDirectory(database(), text(csv), { actor: testActor })).rejects.toThrow(
      /line 3: unknown cohort "no-such"; register it in program.json first\n {2}line 4: has neither a user nor an objectId/,
    );
    expect(await directoryCounts(database())).toEqual([]);
  });

  it("matches people case-insensitively and keeps a mover's old cohort for events before the import", async () => {
    const db = database();
    const first = await importDirectory(db, text("User,ObjectId,Cohort\nAnn@X.example,AB-12,support-pilot\n"), { actor: testActor, now: day("2026-09-01") });
    expect(first).toMatchObject({ added: 2, moved: 0 });
    const again = await importDirectory(db, text("user,cohort\nann@x.example,support-pilot\n"), { actor: testActor, now: day("2026-10-01") });
    expect(again).toMatchObject({ added: 0, unchanged: 1 });
    const moved = await importDirectory(db, text("user,cohort\nANN@x.example,sales-pilot\n"), { actor: testActor, now: day("2026-11-01") });
    expect(moved).toMatchObject({ moved: 1 });
    const { actorSecret } = await installationSettings(db);
    const lookup = new DirectoryLookup(storedMemberships(db.sql, actorSecret));
    await lookup.prefetch(["ann@x.example", "ab-12"]);
    expect(lookup.cohortOf("ann@x.example", day("2026-10-15"))).toBe("support-pilot");
    expect(lookup.cohortOf("ann@x.example", day("2026-11-02"))).toBe("sales-pilot");
    expect(lookup.cohortOf("ab-12", day("2026-11-02"))).toBe("support-pilot");
    // Asked again, the lookup answers from what it holds; past its capacity it starts over with the batch asked for.
    const small = new DirectoryLookup(storedMemberships(db.sql, actorSecret), 2);
    await small.prefetch(["ann@x.example", "ann@x.example"]);
    await small.prefetch(["ann@x.example", "ab-12", "nobody@x.example"]);
    expect(["ann@x.example", "ab-12", "nobody@x.example"].map((p) => small.cohortOf(p, day("2026-11-02")))).toEqual(["sales-pilot", "support-pilot", null]);
    expect(small.cohortOf("ann@x.example", day("2026-10-15"))).toBe("support-pilot");
    expect(await directoryCounts(db)).toEqual([
      { cohort: "sales-pilot", kind: "user", people: 1 },
      { cohort: "support-pilot", kind: "objectId", people: 1 },
    ]);
    const audit = await db.prisma.auditRecord.findMany({ where: { action: "directory.import" } });
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => a.after).join()).not.toMatch(/ann|ab-12/i);
  });

  it("reads a people file that begins with a byte order mark", async () => {
    const db = database();
    const summary = await importDirectory(db, (async function* () {
      yield Buffer.from("\ufeffuser,cohort\nbom@x.example,support-pilot\n", "utf8");
    })(), { actor: testActor });
    expect(summary).toMatchObject({ rows: 1, added: 1 });
  });

  it("maps another column's values through program.json's directory, case-insensitively", async () => {
    const db = database();
    await expect(importDirectory(db, text("user,department\na@x.example,Finance\n"), { cohortFrom: "department", actor: testActor })).rejects.toThrow(/no "directory"/);
    await applyProgram(db, { directory: { Department: { Support: "support-pilot" } } }, testActor);
    const summary = await importDirectory(db, text("user,department\nzed@x.example,SUPPORT\nyan@x.example,Legal\n"), { cohortFrom: "department", actor: testActor });
    expect(summary).toMatchObject({ added: 1, skipped: 1, unmappedValues: { Legal: 1 } });
  });

  it("refuses sources and a mapping that name unregistered workflows or cohorts", async () => {
    const document = {
      sources: [{ key: "p", type: "purview-audit", workflows: [{ match: { appHost: "Word" }, workflow: "nope", cohort: "gone", outputKind: "draft" }] }],
      directory: { department: { Finance: "missing" } },
    };
    const error = await applyProgram(database(), document, testActor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).errors).toEqual([
      { path: "sources[0].workflows[0].workflow", message: 'unknown workflow "nope"' },
      { path: "sources[0].workflows[0].cohort", message: 'unknown cohort "gone"' },
      { path: "directory.department.Finance", message: 'unknown cohort "missing"' },
    ]);
    const ok = { sources: [{ key: "p", type: "purview-audit", workflows: [{ match: { appHost: "Word" }, workflow: "ticket-triage", outputKind: "draft" }] }] };
    expect((await applyProgram(database(), ok, testActor)).sources).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await applyProgram(database(), ok, testActor)).changed).toBe(false);
  });
});
