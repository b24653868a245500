// The review routes over HTTP: the answers a client sees (200 with content, 204, 400 naming the field, 403 per
// workflow, 409 without a claim), and that content appears in no answer but the claim's.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { anEvent, testActor, testProgram } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { ingestBatch } from "@/lib/ingest/ingestBatch";
import { createApiKey } from "@/lib/auth/keys";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { GET as queue } from "./queue/route";
import { POST as claim } from "./claim/route";
import { POST as verdict } from "./items/[outputId]/route";

const WORKFLOW = "ticket-triage";

describeEachDatabase("the review routes", (database) => {
  let reviewer: TestSession;
  let stranger: TestSession;
  let reviewKey: string;
  beforeAll(async () => {
    await applyProgram(database(), { ...testProgram, rollouts: [{ ...testProgram.rollouts![0]!, review: { rate: 1, doubleRate: 0 } }] }, testActor);
    await ingestBatch(database(), [anEvent("output", { id: "o-1", occurredAt: new Date(Date.now() - 3_600_000).toISOString(), content: { title: "Refund", text: "<img src=x onerror=alert(1)> secret-ish text" } })]);
    reviewer = await signedInUser(database(), ["reviewer"], [WORKFLOW]);
    stranger = await signedInUser(database(), ["reviewer"], ["crm-enrichment"]);
    reviewKey = (await createApiKey(database(), { name: "teams-tab", scopes: ["review"], workflows: [WORKFLOW] }, testActor)).secret;
    setAppDatabase(database());
  });

  const post = (handler: typeof claim, path: string, body: unknown, session: TestSession | null, headers: Record<string, string> = {}, params = {}) =>
    handler(sessionRequest(path, session, { method: "POST", body, headers }), routeParams(params));

  it("claims an item with its content, records a verdict, then answers 204", async () => {
    const claimed = await post(claim, "/api/v1/review/claim", { workflow: WORKFLOW }, reviewer);
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({ outputId: "o-1", title: "Refund", text: "<img src=x onerror=alert(1)> secret-ish text" });
    const status = await (await queue(sessionRequest(`/api/v1/review/queue?workflow=${WORKFLOW}`, reviewer), routeParams())).json();
    expect(status).toMatchObject({ workflow: WORKFLOW, pending: 0, claimed: 1, doneThisWeek: 0 });
    expect(JSON.stringify(status)).not.toContain("secret-ish");
    const recorded = await post(verdict, "/api/v1/review/items/o-1", { workflow: WORKFLOW, verdict: "light_edit" }, reviewer, {}, { outputId: "o-1" });
    expect(recorded.status).toBe(200);
    expect(await recorded.json()).toEqual({ workflow: WORKFLOW, outputId: "o-1", verdict: "light_edit", status: "recorded" });
    expect((await post(claim, "/api/v1/review/claim", { workflow: WORKFLOW }, reviewer)).status).toBe(204);
    expect((await (await queue(sessionRequest(`/api/v1/review/queue?workflow=${WORKFLOW}`, reviewer), routeParams())).json()).doneThisWeek).toBe(1);
  });

  it("refuses bad bodies naming the field, other workflows' reviewers, and a verdict without a claim", async () => {
    const bad = await post(verdict, "/api/v1/review/items/o-1", { workflow: WORKFLOW, verdict: "rejected" }, reviewer, {}, { outputId: "o-1" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.errors).toEqual([expect.objectContaining({ path: "errorCategory" })]);
    expect((await post(claim, "/api/v1/review/claim", { workflow: WORKFLOW, extra: 1 }, reviewer)).status).toBe(400);
    expect((await queue(sessionRequest("/api/v1/review/queue", reviewer), routeParams())).status).toBe(400);
    expect((await post(claim, "/api/v1/review/claim", { workflow: WORKFLOW }, stranger)).status).toBe(403);
    const unclaimed = await post(verdict, "/api/v1/review/items/o-2", { workflow: WORKFLOW, verdict: "accepted" }, reviewer, {}, { outputId: "o-2" });
    expect(unclaimed.status).toBe(409);
  });

  it("lets a key with the review scope drive the queue for its workflows", async () => {
    await ingestBatch(database(), [anEvent("output", { id: "o-3", content: { text: "Draft reply" } })]);
    const claimed = await post(claim, "/api/v1/review/claim", { workflow: WORKFLOW }, null, { authorization: `Bearer ${reviewKey}` });
    expect(await claimed.json()).toMatchObject({ outputId: "o-3" });
    expect((await post(claim, "/api/v1/review/claim", { workflow: "crm-enrichment" }, null, { authorization: `Bearer ${reviewKey}` })).status).toBe(403);
  });
});
