import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/database";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor } from "@/lib/testing/fixtures";
import { alertProgram } from "@/lib/testing/alerts";
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from "@/lib/testing/receivers";
import { verifyStandardWebhook } from "@/lib/testing/standardWebhooks";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { recordDecision } from "@/lib/scorecards/decisions";
import { deliverDue, nextAttemptAt, sendTest, GIVE_UP_AFTER_MS, type DeliverOptions } from "./deliver";
import { retryAfterMs } from "./send";

const SECOND = 1000;
const created = new Date("2026-11-18T12:00:00Z");
const after = (ms: number) => new Date(created.getTime() + ms);

describe("the retry schedule", () => {
  it("doubles from 30 seconds up to 6 hours, honours a longer Retry-After, and ends 24 hours after the alert", () => {
    const waits = [1, 2, 3, 4, 10, 11, 12].map((n) => (nextAttemptAt(created, n, created)!.getTime() - created.getTime()) / SECOND);
    expect(waits).toEqual([30, 60, 120, 240, 15_360, 21_600, 21_600]);
    expect(nextAttemptAt(created, 1, created, 600 * SECOND)).toEqual(after(600 * SECOND));
    expect(nextAttemptAt(created, 5, created, 5 * SECOND)).toEqual(after(480 * SECOND));
    expect(nextAttemptAt(created, 12, after(GIVE_UP_AFTER_MS - 60 * SECOND))).toEqual(after(GIVE_UP_AFTER_MS));
    expect(nextAttemptAt(created, 13, after(GIVE_UP_AFTER_MS))).toBeNull();
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(retryAfterMs("120", created)).toBe(120 * SECOND);
    expect(retryAfterMs(new Date(created.getTime() + 90 * SECOND).toUTCString(), created)).toBe(90 * SECOND);
    expect(retryAfterMs("soon", created)).toBeNull();
    expect(retryAfterMs(null, created)).toBeNull();
  });
});

const SECRET = `whsec_${Buffer.alloc(32, 42).toString("base64")}`;
let receiver: HttpReceiver;
let smtp: SmtpReceiver;

beforeAll(async () => {
  [receiver, smtp] = await Promise.all([startHttpReceiver(), startSmtpReceiver()]);
});
afterAll(async () => {
  await Promise.all([receiver.close(), smtp.close()]);
});

describeEachDatabase("alert delivery", (database) => {
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const env = () => ({
    // The query stands for the secret part of a real receiver's URL: it must never reach an error or the database.
    SIEM_HOOK_URL: `${receiver.url}?token=url-secret`,
    SIEM_HOOK_SECRET: SECRET,
    TEAMS_OPS_URL: `${receiver.url}/teams`,
    SLACK_OPS_URL: `${receiver.url}/slack`,
    TOLLGATE_WEBHOOK_ALLOW_HOSTS: receiver.host,
    TOLLGATE_SMTP_URL: smtp.url,
    TOLLGATE_MAIL_FROM: "Tollgate <tollgate@example.com>",
  });
  const options = (extra: Partial<DeliverOptions> = {}): DeliverOptions => ({ env: env(), clock, ...extra });
  const incident = async (db: Database, overrides: Record<string, unknown> = {}) => {
    const event = anEvent("incident", { severity: 1, occurredAt: new Date().toISOString(), ...overrides });
    expect((await ingestBatch(db, [event])).accepted).toBe(1);
    return db.prisma.alert.findFirstOrThrow({ where: { cause: `incident.created:${event.workflow}:${event.id}` } });
  };
  const attemptsOf = (db: Database, alertId: string) => db.prisma.alertAttempt.findMany({ where: { alertId }, orderBy: { attempt: "asc" } });

  beforeAll(async () => {
    await applyProgram(database(), alertProgram, testActor);
  });
  beforeEach(async () => {
    // Each test starts at the present with nothing left due from the one before, and the receivers' logs empty.
    offset = 0;
    await database().prisma.alert.updateMany({ where: { status: "pending" }, data: { status: "failed" } });
    receiver.requests.length = 0;
    receiver.script.length = 0;
    smtp.mails.length = 0;
  });

  it("retries after a 500 and a dropped connection with the same webhook-id, each attempt signed, then stops", async () => {
    const db = database();
    const alert = await incident(db);
    receiver.script.push({ status: 500 }, "drop", { status: 200 });
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    offset += 31 * SECOND;
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    offset += 61 * SECOND;
    expect(await deliverDue(db, options())).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    offset += 3600 * SECOND;
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 0 });

    expect(receiver.requests).toHaveLength(3);
    for (const request of receiver.requests) {
      expect(request.headers["webhook-id"]).toBe(alert.id);
      expect(request.body).toBe(alert.payload);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(await verifyStandardWebhook(SECRET, request.headers, request.body, Number(request.headers["webhook-timestamp"]))).toBe(true);
    }
    const attempts = await attemptsOf(db, alert.id);
    expect(attempts.map((a) => [a.attempt, a.code, a.error])).toEqual([
      [1, 500, "answered 500"],
      [2, null, "the connection failed (ECONNRESET)"],
      [3, 200, null],
    ]);
    expect(await db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "delivered", attempts: 3, lastCode: 200, lastError: null });
    expect(JSON.stringify(await db.prisma.alertAttempt.findMany())).not.toContain("url-secret");
  });

  it("waits as long as Retry-After asks, and marks the alert failed once it is 24 hours old", async () => {
    const db = database();
    const alert = await incident(db);
    receiver.script.push({ status: 429, headers: { "retry-after": "600" } });
    const before = clock().getTime();
    await deliverDue(db, options());
    const waiting = await db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(waiting.nextAttemptAt.getTime() - before).toBeGreaterThanOrEqual(599 * SECOND);
    offset += 300 * SECOND;
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 0 });

    offset += GIVE_UP_AFTER_MS;
    receiver.script.push({ status: 503 });
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    expect(await db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).toMatchObject({ status: "failed", attempts: 2, lastCode: 503 });
  });

  it("fails at once on an answer a retry cannot change: 404, or a redirect (never followed)", async () => {
    const db = database();
    const first = await incident(db);
    receiver.script.push({ status: 404 });
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const second = await incident(db);
    receiver.script.push({ status: 302, headers: { location: `${receiver.url}/elsewhere` } });
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    expect(receiver.requests.map((r) => r.path)).toEqual(["/hook?token=url-secret", "/hook?token=url-secret"]);
    expect((await db.prisma.alert.findUniqueOrThrow({ where: { id: first.id } })).lastError).toBe("answered 404");
    expect((await db.prisma.alert.findUniqueOrThrow({ where: { id: second.id } })).lastError).toBe("answered 302: redirects are not followed");
  });

  it("gives a silent receiver a deadline and never reads a huge answer", async () => {
    const db = database();
    const slow = await incident(db);
    receiver.script.push("hang");
    const started = Date.now();
    expect(await deliverDue(db, options({ http: { timeoutMs: 500, maxBytes: 64 * 1024 } }))).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(Date.now() - started).toBeLessThan(5 * SECOND);
    expect((await attemptsOf(db, slow.id))[0]).toMatchObject({ code: null, error: "no answer within 0.5 s" });

    offset += 60 * SECOND;
    receiver.script.push({ hugeBody: 200 * 1024 * 1024 });
    expect(await deliverDue(db, options())).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.bytesWritten).toBeLessThan(20 * 1024 * 1024);
  });

  it("sends Teams an Adaptive Card, the board an email, and a channel whose variable is unset nothing until it is set", async () => {
    const db = database();
    await recordDecision(
      db,
      { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-gate", decision: "extend", rationale: "Too few reviews yet.", override: "More data first." },
      testActor,
    );
    const { TEAMS_OPS_URL: _unset, ...withoutTeams } = env();
    expect(await deliverDue(db, options({ env: withoutTeams }))).toEqual({ delivered: 1, retrying: 1, failed: 0 });
    const waiting = await db.prisma.alert.findFirstOrThrow({ where: { trigger: "decision.recorded", channel: "ops-teams" } });
    expect(waiting).toMatchObject({ status: "pending", lastError: "not configured: TEAMS_OPS_URL is not set" });

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(["board@contoso.com"]);
    expect(smtp.mails[0]!.raw).toMatch(/^Subject: \[Tollgate\] Board decision on ticket-triage \(support-pilot\): Extend/m);
    expect(smtp.mails[0]!.raw).toContain("Content-Type: text/plain");
    expect(smtp.mails[0]!.raw).toContain("Content-Type: text/html");

    offset += 31 * SECOND;
    expect(await deliverDue(db, options())).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const card = JSON.parse(receiver.requests[0]!.body);
    expect(receiver.requests[0]!.path).toBe("/hook/teams");
    expect(card.attachments[0].content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    expect(card.attachments[0].content.body[0].text).toBe("Board decision on ticket-triage (support-pilot): Extend");
  });

  it("retries an email the server defers and fails one it refuses", async () => {
    const db = database();
    await recordDecision(db, { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-gate", decision: "extend", rationale: "Again.", override: "x" }, testActor);
    smtp.refusals.push(451);
    const round = await deliverDue(db, options());
    expect([round.retrying, await db.prisma.alert.count({ where: { channel: "board-mail", status: "pending", lastCode: 451 } })]).toEqual([1, 1]);
    offset += 31 * SECOND;
    smtp.refusals.push(550);
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    expect(await db.prisma.alert.count({ where: { channel: "board-mail", status: "failed", lastCode: 550 } })).toBe(1);
    expect(smtp.mails).toHaveLength(0);
  });

  it("refuses a receiver in the private network unless its host is allowed, and says so", async () => {
    const db = database();
    const alert = await incident(db);
    const { TOLLGATE_WEBHOOK_ALLOW_HOSTS: _allowed, ...notAllowed } = env();
    expect(await deliverDue(db, options({ env: notAllowed }))).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const stored = await db.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(stored.lastError).toMatch(/^refused: the URL must use https/);
    expect(stored.lastError).not.toContain("url-secret");
    expect(receiver.requests).toHaveLength(0);
  });

  it("sends a test to Slack and Teams at once, records it, and never retries a failed one", async () => {
    const db = database();
    expect(await sendTest(db, "ops-slack", options())).toEqual({ delivered: true, code: 200 });
    const slack = JSON.parse(receiver.requests[0]!.body);
    expect(slack.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Test alert from Tollgate" } });
    receiver.script.push({ status: 500 });
    expect(await sendTest(db, "ops-teams", options())).toMatchObject({ delivered: false, code: 500, retry: false });
    offset += 3600 * SECOND;
    expect(await deliverDue(db, options())).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(await db.prisma.alert.count({ where: { trigger: "alert.test" } })).toBe(2);
    await expect(sendTest(db, "no-such-channel", options())).rejects.toThrow('unknown channel "no-such-channel"');
  });

  it("never lets two instances on one database send one alert twice", async () => {
    const db = database();
    const ids = new Set<string>();
    for (let i = 0; i < 24; i++) ids.add((await incident(db)).id);
    for (let i = 0; i < 24; i++) receiver.script.push({ status: 200, delayMs: 20 });
    const instances = [db, openDatabase(db.url), openDatabase(db.url)];
    try {
      const rounds = await Promise.all(instances.flatMap((instance) => [deliverDue(instance, options()), deliverDue(instance, options())]));
      expect(rounds.reduce((sum, r) => sum + r.delivered, 0)).toBe(24);
    } finally {
      await Promise.all(instances.slice(1).map((instance) => instance.close()));
    }
    const sent = receiver.requests.map((r) => r.headers["webhook-id"]!);
    expect(sent).toHaveLength(24);
    expect(new Set(sent)).toEqual(ids);
    expect(await db.prisma.alertAttempt.count({ where: { alertId: { in: [...ids] } } })).toBe(24);
  });
});
