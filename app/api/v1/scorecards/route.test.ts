import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { createApiKey } from "@/lib/auth/keys";
import { defaultGateTemplates } from "@/lib/demo/program";
import { GET as scorecards } from "./route";
import { GET as listDecisions, POST as postDecision } from "../decisions/route";
import { PUT as putChecklist } from "../workflows/[key]/checklist/[item]/route";

let test: TestDatabase;
let admin: string;
let reader: string;

beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
  await applyProgram(test.db, { ...testProgram, gates: defaultGateTemplates }, testActor);
  admin = (await createApiKey(test.db, { name: "board", scopes: ["admin", "read"] }, testActor)).secret;
  reader = (await createApiKey(test.db, { name: "viewer", scopes: ["read"] }, testActor)).secret;
});
afterAll(() => test.drop());

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
const noParams = { params: Promise.resolve({}) };

describe("scorecard, checklist and decision routes", () => {
  it("evaluates a scorecard with the default template for the rollout's phase and tier", async () => {
    const response = await scorecards(new Request("http://x/api/v1/scorecards?workflow=ticket-triage&cohort=support-pilot&asOf=2026-11-18", { headers: auth(reader) }), noParams);
    expect(response.status).toBe(200);
    const card = await response.json();
    expect(card.template.key).toBe("pilot-to-department");
    expect(card.verdict).toBe("hold");
    expect(card.criteria.every((c: { metric: string; verdict: string }) => c.verdict === "insufficient" || c.metric.startsWith("incidents"))).toBe(true);
  });

  it("answers 400 naming template when no template applies", async () => {
    const response = await scorecards(new Request("http://x/api/v1/scorecards?workflow=ticket-triage&cohort=support-pilot&template=nope", { headers: auth(reader) }), noParams);
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors[0].path).toBe("template");
  });

  it("updates a checklist item with an admin key and refuses unknown items and read keys", async () => {
    const put = (item: string, body: unknown, key = admin) =>
      putChecklist(new Request(`http://x/api/v1/workflows/ticket-triage/checklist/${item}`, { method: "PUT", headers: auth(key), body: JSON.stringify(body) }), {
        params: Promise.resolve({ key: "ticket-triage", item }),
      });
    const ok = await put("identity", { status: "done", owner: "Identity team", evidence: "Entra ID app registration" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ item: "identity", status: "done", owner: "Identity team", updatedBy: "key:board" });
    expect((await put("vibes", { status: "done" })).status).toBe(400);
    expect((await put("identity", { status: "finished" })).status).toBe(400);
    expect((await put("identity", { status: "done" }, reader)).status).toBe(403);
  });

  it("refuses asOf on a decision with a 400 saying why: a decision is judged on the scorecard as it stands now", async () => {
    const body = { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-to-department", decision: "extend", rationale: "a past week looked better", asOf: "2026-11-18" };
    const response = await postDecision(new Request("http://x/api/v1/decisions", { method: "POST", headers: auth(admin), body: JSON.stringify(body) }), noParams);
    expect(response.status).toBe(400);
    const error = (await response.json()).error;
    expect(error.errors).toEqual([{ path: "asOf", message: expect.stringMatching(/judged on the scorecard as it stands when it is recorded/) }]);
    expect(await test.db.prisma.decision.count()).toBe(0);
  });

  it("records a decision (201), refuses one against the verdict without an override (400 naming override), and lists it", async () => {
    const body = { workflow: "ticket-triage", cohort: "support-pilot", template: "pilot-to-department" };
    const post = (extra: object) => postDecision(new Request("http://x/api/v1/decisions", { method: "POST", headers: auth(admin), body: JSON.stringify({ ...body, ...extra }) }), noParams);
    const refused = await post({ decision: "go", rationale: "ship it" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.errors[0].path).toBe("override");
    const recorded = await post({ decision: "go", rationale: "ship it", override: "the CIO accepts the risk for the holiday peak" });
    expect(recorded.status).toBe(201);
    const decision = await recorded.json();
    expect(decision).toMatchObject({ decision: "go", computedVerdict: "hold", toPhase: "department", decidedBy: "key:board" });
    expect(decision.snapshotSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decision.snapshot.asOf).toBe(new Date().toISOString().slice(0, 10));
    const listed = await (await listDecisions(new Request("http://x/api/v1/decisions?workflow=ticket-triage", { headers: auth(reader) }), noParams)).json();
    expect(listed.decisions.map((d: { id: string }) => d.id)).toEqual([decision.id]);
  });
});
