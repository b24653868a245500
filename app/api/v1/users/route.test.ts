import { afterEach, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { applyProgram } from "@/lib/program/applyProgram";
import { consumeSignInLink } from "@/lib/auth/users";
import { readSession } from "@/lib/auth/sessions";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { GET, POST } from "./route";
import { PATCH } from "./[id]/route";
import { POST as NEW_LINK } from "./[id]/sign-in-link/route";

describeEachDatabase("/api/v1/users", (database) => {
  let admin: TestSession;
  let viewer: TestSession;
  beforeAll(async () => {
    setAppDatabase(database());
    await applyProgram(database(), testProgram, testActor);
    admin = await signedInUser(database(), ["admin"]);
    viewer = await signedInUser(database(), ["viewer"]);
  });
  afterEach(() => {
    delete process.env.TOLLGATE_PUBLIC_URL;
  });

  const call = <R>(handler: (request: Request, route: ReturnType<typeof routeParams>) => Promise<R>, request: Request, params: Record<string, string> = {}) => {
    setAppDatabase(database());
    return handler(request, routeParams(params));
  };
  const create = (body: unknown, session = admin) => call(POST, sessionRequest("/api/v1/users", session, { method: "POST", body }));
  const patch = (id: string, body: unknown, session = admin) =>
    call(PATCH, sessionRequest(`/api/v1/users/${encodeURIComponent(id)}`, session, { method: "PATCH", body }), { id });
  const newLink = (id: string, session = admin) =>
    call(NEW_LINK, sessionRequest(`/api/v1/users/${encodeURIComponent(id)}/sign-in-link`, session, { method: "POST" }), { id });

  it("refuses everyone but admins", async () => {
    expect((await call(GET, sessionRequest("/api/v1/users", viewer))).status).toBe(403);
    expect((await create({ email: "x@example.com", roles: ["viewer"] }, viewer)).status).toBe(403);
    expect((await patch(viewer.userId, { roles: ["admin"] }, viewer)).status).toBe(403);
    expect((await newLink(viewer.userId, viewer)).status).toBe(403);
  });

  it("creates a user with a one-time sign-in link that works, and audits", async () => {
    const response = await create({ email: " Owner@Example.com ", name: "Olga Owner", roles: ["owner", "viewer"], workflows: ["ticket-triage"] });
    expect(response.status).toBe(201);
    const { user, signInLink } = await response.json();
    expect(user).toMatchObject({ email: "owner@example.com", name: "Olga Owner", roles: ["owner", "viewer"], workflows: ["ticket-triage"], hasPassword: false, sso: false, disabledAt: null });
    expect(JSON.stringify(user)).not.toMatch(/passwordHash/);
    expect(signInLink.url).toMatch(/^http:\/\/localhost\/sign-in\/link\?token=[\w-]+$/);
    expect(new Date(signInLink.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const token = new URL(signInLink.url).searchParams.get("token")!;
    expect((await consumeSignInLink(database(), token))?.email).toBe("owner@example.com");

    expect(await database().prisma.auditRecord.findFirst({ where: { action: "user.create", target: "owner@example.com" } })).toMatchObject({ actor: admin.email });
    const listed = await (await call(GET, sessionRequest("/api/v1/users", admin))).json();
    expect(listed.users.map((u: { email: string }) => u.email)).toContain("owner@example.com");
  });

  it("builds links on TOLLGATE_PUBLIC_URL when set", async () => {
    process.env.TOLLGATE_PUBLIC_URL = "https://tollgate.example.com/";
    const { signInLink } = await (await create({ email: "public@example.com", roles: ["board"] })).json();
    expect(signInLink.url).toMatch(/^https:\/\/tollgate\.example\.com\/sign-in\/link\?token=/);
  });

  it.each([
    [{ email: "not-an-email", roles: ["viewer"] }, "email"],
    [{ email: "a@example.com", roles: [] }, "roles"],
    [{ email: "a@example.com", roles: ["root"] }, "roles[0]"],
    [{ email: "a@example.com", roles: ["owner"], workflows: ["Bad Slug"] }, "workflows[0]"],
    [{ email: "a@example.com", roles: ["viewer"], password: "x" }, "password"],
  ])("answers 400 naming the field for %j", async (body, path) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers 409 for a duplicate email and 400 for an unknown workflow", async () => {
    await create({ email: "dup@example.com", roles: ["viewer"] });
    expect((await create({ email: "DUP@example.com", roles: ["viewer"] })).status).toBe(409);
    const unknown = await create({ email: "ghost@example.com", roles: ["owner"], workflows: ["ghost"] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.errors).toEqual([{ path: "workflows", message: expect.stringMatching(/ghost/) }]);
  });

  it("updates roles and workflows, disables (ending sessions) and enables, and audits", async () => {
    const target = await signedInUser(database(), ["viewer"]);
    const updated = await patch(target.userId, { roles: ["owner"], workflows: ["crm-enrichment"] });
    expect(updated.status).toBe(200);
    expect((await updated.json()).user).toMatchObject({ roles: ["owner"], workflows: ["crm-enrichment"] });

    const disabled = await (await patch(target.userId, { disabled: true })).json();
    expect(disabled.user.disabledAt).toEqual(expect.any(String));
    expect(await readSession(database(), target.token)).toBeNull();
    expect((await newLink(target.userId)).status).toBe(400);
    const enabled = await (await patch(target.userId, { disabled: false })).json();
    expect(enabled.user.disabledAt).toBeNull();

    const records = await database().prisma.auditRecord.findMany({ where: { action: "user.update", target: target.email }, orderBy: { seq: "asc" } });
    expect(records).toHaveLength(3);
    expect(JSON.parse(records[0]!.before!)).toMatchObject({ roles: ["viewer"] });
    expect(JSON.parse(records[0]!.after!)).toMatchObject({ roles: ["owner"], workflows: ["crm-enrichment"] });
  });

  it("refuses bad updates naming the field, unknown users, and an admin locking themselves out", async () => {
    const empty = await patch(viewer.userId, {});
    expect(empty.status).toBe(400);
    const badRole = await patch(viewer.userId, { roles: ["root"] });
    expect((await badRole.json()).error.errors.map((e: { path: string }) => e.path)).toContain("roles[0]");
    const unknown = await patch("00000000-0000-0000-0000-000000000000", { disabled: true });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.errors).toEqual([{ path: "id", message: expect.stringMatching(/no user/) }]);
    const nul = await patch("a\u0000b", { disabled: true });
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.errors).toEqual([{ path: "id", message: expect.any(String) }]);
    const self = await patch(admin.userId, { disabled: true });
    expect(self.status).toBe(400);
    expect((await self.json()).error.message).toMatch(/cannot disable yourself/);
  });

  it("issues a new sign-in link and audits it", async () => {
    const response = await newLink(viewer.userId);
    expect(response.status).toBe(201);
    const { signInLink } = await response.json();
    const token = new URL(signInLink.url).searchParams.get("token")!;
    expect((await consumeSignInLink(database(), token))?.id).toBe(viewer.userId);
    expect(await consumeSignInLink(database(), token)).toBeNull();
    expect(await database().prisma.auditRecord.count({ where: { action: "user.sign_in_link", target: viewer.email } })).toBe(1);
    expect((await newLink("00000000-0000-0000-0000-000000000000")).status).toBe(400);
  });
});
