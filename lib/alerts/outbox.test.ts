import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor } from "@/lib/testing/fixtures";
import { alertProgram, storedAlerts } from "@/lib/testing/alerts";
import { applyProgram, ProgramError } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { recordDecision } from "@/lib/scorecards/decisions";
import { alertSourceFailure, enqueueAlerts } from "./outbox";
import { incidentsCreated } from "./triggers";

const now = new Date("2026-11-18T12:00:00Z");

describeEachDatabase("the alert outbox", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), alertProgram, testActor);
  });

  it("writes one alert per serious incident with the ingestion that stores it, and none for a re-sent one", async () => {
    const db = database();
    const severe = anEvent("incident", { id: "inc-sev1", severity: 1, occurredAt: "2026-11-18T11:00:00Z" });
    const minor = anEvent("incident", { id: "inc-sev2", severity: 2, occurredAt: "2026-11-18T11:00:00Z" });
    const crm = anEvent("incident", { id: "inc-crm", workflow: "crm-enrichment", cohort: "sales-pilot", severity: 2, occurredAt: "2026-11-18T11:00:00Z" });
    expect((await ingestBatch(db, [severe, minor, crm, anEvent("output")], { now })).accepted).toBe(4);
    expect((await ingestBatch(db, [severe, crm], { now })).duplicates).toBe(2);
    expect(await storedAlerts(db)).toEqual([
      ["incident.created", "ops-slack", "incident.created:crm-enrichment:inc-crm"],
      ["incident.created", "siem", "incident.created:ticket-triage:inc-sev1"],
    ]);
    const alert = await db.prisma.alert.findFirstOrThrow({ where: { channel: "siem" } });
    expect(alert).toMatchObject({ status: "pending", attempts: 0, workflow: "ticket-triage", cohort: "support-pilot" });
    expect(alert.id).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(JSON.parse(alert.payload)).toEqual({
      type: "incident.created",
      timestamp: expect.any(String),
      data: {
        workflow: "ticket-triage",
        cohort: "support-pilot",
        eventId: "inc-sev1",
        category: "policy_violation",
        severity: 1,
        occurredAt: "2026-11-18T11:00:00.000Z",
        url: expect.stringMatching(/^https?:\/\/.+\/scorecards\/ticket-triage\/support-pilot$/),
      },
    });
  });

  it("refuses a second alert for one cause on one channel, and writes nothing when the transaction rolls back", async () => {
    const db = database();
    const [cause] = incidentsCreated([{ id: "inc-sev1", type: "incident", workflow: "ticket-triage", cohort: "support-pilot", category: "other", severity: 1, occurredAt: now }], now);
    expect(await db.sql.transaction((tx) => enqueueAlerts(tx, [cause!]))).toBe(0);
    const before = (await storedAlerts(db)).length;
    const [fresh] = incidentsCreated([{ id: "inc-rolled-back", type: "incident", workflow: "ticket-triage", cohort: "support-pilot", category: "other", severity: 1, occurredAt: now }], now);
    await expect(
      db.sql.transaction(async (tx) => {
        expect(await enqueueAlerts(tx, [fresh!])).toBe(1);
        throw new Error("the cause's change failed");
      }),
    ).rejects.toThrow("the cause's change failed");
    expect(await storedAlerts(db)).toHaveLength(before);
  });

  it("writes decision.recorded in the decision's transaction, with the rationale and the snapshot's SHA-256", async () => {
    const db = database();
    const decision = await recordDecision(
      db,
      { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-gate", decision: "extend", rationale: "Too few reviews yet.", override: "The board wants another month." },
      testActor,
      now,
    );
    const alerts = await db.prisma.alert.findMany({ where: { trigger: "decision.recorded" }, orderBy: { channel: "asc" } });
    expect(alerts.map((a) => [a.channel, a.cause])).toEqual([
      ["board-mail", `decision.recorded:${decision.id}`],
      ["ops-teams", `decision.recorded:${decision.id}`],
    ]);
    expect(JSON.parse(alerts[0]!.payload).data).toMatchObject({ decision: "extend", rationale: "Too few reviews yet.", snapshotSha256: decision.snapshotSha256, decisionId: decision.id });
  });

  it("writes source.failing for lib/sources in the caller's transaction", async () => {
    const db = database();
    await applyProgram(db, { alerts: { channels: [], rules: [...alertProgram.alerts!.rules!, { on: ["source.failing"], channel: "ops-teams" }] } }, testActor);
    const failure = { source: "purview-audit", workflow: "ticket-triage", error: "The export file ended half-way through a record.", failedAt: now, page: "/" };
    expect(await db.sql.transaction((tx) => alertSourceFailure(tx, failure))).toBe(1);
    expect(await db.prisma.$transaction((tx) => alertSourceFailure(tx, failure))).toBe(0);
  });
});

describeEachDatabase("the program's alerts section", (database) => {
  beforeAll(async () => {
    await applyProgram(database(), alertProgram, testActor);
  });

  it("is applied idempotently and audited with variable names, never values", async () => {
    const db = database();
    const again = await applyProgram(db, alertProgram, testActor);
    expect([again.alertChannels, again.alertRules, again.changed]).toEqual([{ created: 0, updated: 0, unchanged: 4 }, { created: 0, updated: 0, unchanged: 5 }, false]);
    const record = await db.prisma.auditRecord.findFirstOrThrow({ where: { action: "program.apply" }, orderBy: { seq: "asc" } });
    expect(JSON.parse(record.after!)["alerts/channels/siem"]).toEqual({ key: "siem", type: "webhook", urlEnv: "SIEM_HOOK_URL", secretEnv: "SIEM_HOOK_SECRET" });
  });

  it("replaces the rules as a whole when given, and keeps them when not", async () => {
    const db = database();
    const rules = [{ on: ["incident.created" as const], maxSeverity: 3 as const, channel: "siem" }];
    const replaced = await applyProgram(db, { alerts: { rules } }, testActor);
    expect(replaced.alertRules).toEqual({ created: 0, updated: 5, unchanged: 0 });
    expect((await applyProgram(db, { alerts: { channels: [] } }, testActor)).changed).toBe(false);
    expect((await db.prisma.alertRule.findMany()).map((r) => JSON.parse(r.definition))).toEqual(rules);
  });

  it("refuses a bad section as a whole, naming each field, and never repeats a value that may be a secret", async () => {
    const db = database();
    const secretUrl = "https://prod-00.westeurope.logic.azure.com/workflows/1/triggers/manual?sig=SECRET123";
    const document = {
      alerts: {
        channels: [{ key: "leaky", type: "teams", urlEnv: secretUrl }, { key: "own", type: "slack", urlEnv: "TOLLGATE_ACTOR_SECRET" }],
        rules: [
          { on: ["incident.created"], channel: "nowhere" },
          { on: ["verdict.changed"], maxSeverity: 2, workflows: ["no-such-workflow"], channel: "siem" },
          { on: ["workflow.quiet"], quietHours: 0, channel: "siem" },
        ],
      },
    };
    const error = await applyProgram(db, document, testActor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramError);
    const errors = (error as ProgramError).errors;
    expect(errors.map((e) => e.path)).toEqual(["alerts.channels[0].urlEnv", "alerts.channels[1].urlEnv", "alerts.rules[2].quietHours"]);
    expect(JSON.stringify(errors)).not.toContain("SECRET123");
    expect(JSON.stringify(errors)).not.toContain("logic.azure.com");

    const { alerts } = document;
    const second = await applyProgram(db, { alerts: { ...alerts, channels: [], rules: alerts.rules.slice(0, 2) } }, testActor).catch((e: ProgramError) => e.errors);
    expect(second).toEqual([
      { path: "alerts.rules[0].channel", message: 'unknown channel "nowhere"' },
      { path: "alerts.rules[1].workflows[0]", message: 'unknown workflow "no-such-workflow"' },
      { path: "alerts.rules[1].maxSeverity", message: 'applies only to "incident.created", which the rule is not on' },
    ]);
    expect(await db.prisma.alertChannel.count()).toBe(4);
  });
});
