import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor, testProgram } from "@/lib/testing/fixtures";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { DELETE, PUT } from "./route";

describeEachDatabase("PUT and DELETE /api/v1/legal-holds/WORKFLOW", (database) => {
  let admin: TestSession;
  let viewer: TestSession;
  beforeAll(async () => {
    await applyProgram(database(), testProgram, testActor);
    admin = await signedInUser(database(), ["admin"]);
    viewer = await signedInUser(database(), ["viewer"]);
  });

  const path = (workflow: string) => `/api/v1/legal-holds/${encodeURIComponent(workflow)}`;
  const put = (session: TestSession, workflow: string, body: unknown) => {
    setAppDatabase(database());
    return PUT(sessionRequest(path(workflow), session, { method: "PUT", body }), routeParams({ workflow }));
  };
  const del = (session: TestSession, workflow: string) => {
    setAppDatabase(database());
    return DELETE(sessionRequest(path(workflow), session, { method: "DELETE" }), routeParams({ workflow }));
  };

  it("places a hold with its reason, audited as the signed-in admin", async () => {
    const response = await put(admin, "ticket-triage", { reason: "Case 2026-17" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ workflow: "ticket-triage", reason: "Case 2026-17", placedBy: `user:${admin.email}`, placedAt: expect.any(String) });
    expect(await database().prisma.legalHold.findUnique({ where: { workflow: "ticket-triage" } })).toMatchObject({ reason: "Case 2026-17" });
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "legal_hold.place" }, orderBy: { seq: "desc" } });
    expect(record).toMatchObject({ actorType: "user", actor: admin.email, target: "ticket-triage" });
  });

  it("answers 400 naming workflow for an unknown or malformed workflow, and reason for a missing one", async () => {
    for (const workflow of ["no-such-workflow", "Ticket Triage", "a\u0000b"]) {
      const response = await put(admin, workflow, { reason: "x" });
      expect(response.status).toBe(400);
      expect((await response.json()).error.errors).toEqual([{ path: "workflow", message: expect.any(String) }]);
      const lift = await del(admin, workflow);
      expect(lift.status).toBe(400);
      expect((await lift.json()).error.errors).toEqual([{ path: "workflow", message: expect.any(String) }]);
    }
    for (const body of [{}, { reason: "   " }, { reason: "x".repeat(1001) }]) {
      const response = await put(admin, "crm-enrichment", body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.errors).toEqual([{ path: "reason", message: expect.any(String) }]);
    }
    expect(await database().prisma.legalHold.count()).toBe(1);
  });

  it("refuses a viewer (403)", async () => {
    expect((await put(viewer, "crm-enrichment", { reason: "x" })).status).toBe(403);
    expect((await del(viewer, "ticket-triage")).status).toBe(403);
    expect(await database().prisma.legalHold.count()).toBe(1);
  });

  it("lifts a hold, audited; lifting again changes nothing", async () => {
    const response = await del(admin, "ticket-triage");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ workflow: "ticket-triage", lifted: true });
    expect(await database().prisma.legalHold.count()).toBe(0);
    expect(await (await del(admin, "ticket-triage")).json()).toEqual({ workflow: "ticket-triage", lifted: false });
    expect(await database().prisma.auditRecord.count({ where: { action: "legal_hold.lift" } })).toBe(1);
  });
});
