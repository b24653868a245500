import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { alertProgram } from "@/lib/testing/alerts";
import { startHttpReceiver, type HttpReceiver } from "@/lib/testing/receivers";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { GET } from "./route";
import { POST } from "./channels/[key]/test/route";

const SECRET_QUERY = "sig=teams-url-secret";
let receiver: HttpReceiver;
const saved = { ...process.env };

beforeAll(async () => {
  receiver = await startHttpReceiver();
  process.env.TEAMS_OPS_URL = `${receiver.url}?${SECRET_QUERY}`;
  process.env.TOLLGATE_WEBHOOK_ALLOW_HOSTS = receiver.host;
  delete process.env.SIEM_HOOK_URL;
  delete process.env.SIEM_HOOK_SECRET;
});
afterAll(async () => {
  process.env = saved;
  await receiver.close();
});

describeEachDatabase("the alerts API", (database) => {
  let admin: TestSession;
  beforeAll(async () => {
    await applyProgram(database(), alertProgram, testActor);
    admin = await signedInUser(database(), ["admin"]);
  });

  it("sends a test through a channel and lists it with its attempt, showing variable names and never their values", async () => {
    setAppDatabase(database());
    const sent = await POST(sessionRequest("/api/v1/alerts/channels/ops-teams/test", admin, { method: "POST" }), routeParams({ key: "ops-teams" }));
    expect(await sent.json()).toEqual({ delivered: true, code: 200 });
    expect(receiver.requests[0]!.path).toBe(`/hook?${SECRET_QUERY}`);

    const listed = await GET(sessionRequest("/api/v1/alerts", admin), routeParams());
    const text = await listed.text();
    expect(text).not.toContain("teams-url-secret");
    expect(text).not.toContain(receiver.host);
    const body = JSON.parse(text);
    expect(body.channels.find((c: { key: string }) => c.key === "ops-teams")).toEqual({ key: "ops-teams", type: "teams", urlEnv: "TEAMS_OPS_URL", problem: null });
    expect(body.channels.find((c: { key: string }) => c.key === "siem").problem).toBe("not configured: SIEM_HOOK_URL and SIEM_HOOK_SECRET are not set");
    expect(body.rules).toHaveLength(alertProgram.alerts!.rules!.length);
    expect(body.alerts[0]).toMatchObject({ trigger: "alert.test", channel: "ops-teams", status: "delivered", attempts: 1, lastCode: 200, tries: [{ attempt: 1, code: 200, error: null }] });
  });

  it("answers 400 naming the channel for one that does not exist", async () => {
    setAppDatabase(database());
    const response = await POST(sessionRequest("/api/v1/alerts/channels/nowhere/test", admin, { method: "POST" }), routeParams({ key: "nowhere" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors).toEqual([{ path: "channel", message: 'unknown channel "nowhere"' }]);
  });
});
