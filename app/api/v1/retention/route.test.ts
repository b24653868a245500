import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { placeLegalHold } from "@/lib/retention/retention";
import { GET, PUT } from "./route";

describeEachDatabase("GET and PUT /api/v1/retention", (database) => {
  let admin: TestSession;
  let viewer: TestSession;
  beforeAll(async () => {
    setAppDatabase(database());
    await applyProgram(database(), testProgram, testActor);
    admin = await signedInUser(database(), ["admin"]);
    viewer = await signedInUser(database(), ["viewer"]);
  });

  const get = (session: TestSession) => {
    setAppDatabase(database());
    return GET(sessionRequest("/api/v1/retention", session), routeParams());
  };
  const put = (session: TestSession, body: unknown) => {
    setAppDatabase(database());
    return PUT(sessionRequest("/api/v1/retention", session, { method: "PUT", body }), routeParams());
  };

  it("shows the defaults, and the holds", async () => {
    const empty = await get(admin);
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ days: 400, watermark: null, lastRun: null, holds: [] });
    await placeLegalHold(database(), "ticket-triage", "audit 2026", testActor);
    expect((await (await get(admin)).json()).holds).toEqual([
      { workflow: "ticket-triage", reason: "audit 2026", placedBy: "cli:test", placedAt: expect.any(String) },
    ]);
  });

  it("sets the days, audited as the signed-in admin", async () => {
    const response = await put(admin, { days: 90 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ days: 90 });
    expect((await (await get(admin)).json()).days).toBe(90);
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "retention.update" }, orderBy: { seq: "desc" } });
    expect(record).toMatchObject({ actorType: "user", actor: admin.email, before: '{"days":400}', after: '{"days":90}' });
  });

  it("answers 400 naming days for a period out of range or not whole", async () => {
    for (const body of [{ days: 5 }, { days: 40000 }, { days: 45.5 }, { days: "90" }, {}]) {
      const response = await put(admin, body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.errors).toEqual([{ path: "days", message: expect.any(String) }]);
    }
    expect((await put(admin, { days: 90, extra: 1 })).status).toBe(400);
    expect((await (await get(admin)).json()).days).toBe(90);
  });

  it("refuses a viewer (403)", async () => {
    expect((await get(viewer)).status).toBe(403);
    expect((await put(viewer, { days: 60 })).status).toBe(403);
    expect((await (await get(admin)).json()).days).toBe(90);
  });
});
