import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { setAppDatabase } from "@/lib/db/database";
import { PEER_HEADER } from "@/lib/http";
import { applyProgram } from "@/lib/program/applyProgram";
import { authenticateApiKey } from "@/lib/auth/keys";
import { routeParams, sessionRequest, signedInUser, type TestSession } from "@/lib/testing/sessions";
import { GET, POST } from "./route";
import { DELETE } from "./[name]/route";

describeEachDatabase("/api/v1/keys", (database) => {
  let admin: TestSession;
  let viewer: TestSession;
  beforeAll(async () => {
    setAppDatabase(database());
    await applyProgram(database(), testProgram, testActor);
    admin = await signedInUser(database(), ["admin"]);
    viewer = await signedInUser(database(), ["viewer", "owner", "board"]);
  });

  const create = (body: unknown, session = admin) => {
    setAppDatabase(database());
    return POST(sessionRequest("/api/v1/keys", session, { method: "POST", body }), routeParams());
  };
  const list = (session = admin) => {
    setAppDatabase(database());
    return GET(sessionRequest("/api/v1/keys", session), routeParams());
  };
  const revoke = (name: string, session = admin) => {
    setAppDatabase(database());
    return DELETE(sessionRequest(`/api/v1/keys/${encodeURIComponent(name)}`, session, { method: "DELETE" }), routeParams({ name }));
  };

  it("refuses everyone but admins", async () => {
    expect((await list(viewer)).status).toBe(403);
    expect((await create({ name: "x", scopes: ["read"] }, viewer)).status).toBe(403);
    expect((await revoke("x", viewer)).status).toBe(403);
    expect((await list(null as unknown as TestSession)).status).toBe(401);
  });

  it("creates a key, shows its secret once, lists only its prefix, and audits", async () => {
    const response = await create({ name: "ticket-agent", scopes: ["ingest"], workflows: ["ticket-triage"] });
    expect(response.status).toBe(201);
    const { secret, key } = await response.json();
    expect(key).toMatchObject({ name: "ticket-agent", scopes: ["ingest"], workflows: ["ticket-triage"], revokedAt: null });
    expect(secret.startsWith(key.prefix)).toBe(true);
    expect(await authenticateApiKey(database(), secret)).not.toBeNull();

    const text = await (await list()).text();
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/secretHash|[0-9a-f]{64}/);
    expect(JSON.parse(text).keys).toEqual([expect.objectContaining({ name: "ticket-agent", prefix: key.prefix })]);

    const audit = await database().prisma.auditRecord.findFirst({ where: { action: "key.create", target: "ticket-agent" } });
    expect(audit).toMatchObject({ actorType: "user", actor: admin.email });
  });

  it.each([
    [{ name: "bad name!", scopes: ["read"] }, "name"],
    [{ name: "k1", scopes: [] }, "scopes"],
    [{ name: "k1", scopes: ["write"] }, "scopes[0]"],
    [{ name: "k1", scopes: ["ingest"], workflows: ["Not A Slug"] }, "workflows[0]"],
    [{ name: "k1", scopes: ["read", "admin"], workflows: ["ticket-triage"] }, "workflows"],
    [{ name: "k1", scopes: ["read"], extra: 1 }, "extra"],
  ])("answers 400 naming the field for %j", async (body, path) => {
    const response = await create(body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers 400 for an unknown workflow or a duplicate name", async () => {
    const unknown = await create({ name: "k2", scopes: ["ingest"], workflows: ["ghost"] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/ghost/);
    await create({ name: "dup", scopes: ["read"] });
    const dup = await create({ name: "dup", scopes: ["read"] });
    expect(dup.status).toBe(400);
    expect((await dup.json()).error.message).toMatch(/already exists/);
  });

  it("revokes a key, audits it, and says so for an unknown or already revoked key", async () => {
    const { secret } = await (await create({ name: "to-revoke", scopes: ["read"] })).json();
    const response = await revoke("to-revoke");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revoked: "to-revoke" });
    expect(await authenticateApiKey(database(), secret)).toBeNull();
    expect(await database().prisma.auditRecord.count({ where: { action: "key.revoke", target: "to-revoke", actor: admin.email } })).toBe(1);
    // A revoked key still in use is on record by name, counted into one record per address and window however often
    // it retries; an unknown one by its prefix.
    for (const [bearer, peer] of [[secret, "192.0.2.1"], [secret, "192.0.2.1"], ["tg_not-a-key-at-all", "192.0.2.2"]] as const) {
      const refused = await GET(sessionRequest("/api/v1/keys", null, { headers: { authorization: `Bearer ${bearer}`, [PEER_HEADER]: peer } }), routeParams());
      expect(refused.status).toBe(401);
    }
    const refusals = await database().prisma.auditRecord.findMany({ where: { action: "auth.key_refused" }, orderBy: { seq: "asc" } });
    expect(refusals.map((r) => [r.target, JSON.parse(r.after!).reason, r.count])).toEqual([["to-revoke", "revoked", 2], ["unknown tg_not-a-", "unknown", 1]]);
    expect(JSON.stringify(refusals)).not.toContain(secret);
    // A bearer that is no Tollgate key (another service's token, sent here by mistake) leaves none of its characters.
    const foreign = "ghp_0123456789abcdefSECRET";
    expect((await GET(sessionRequest("/api/v1/keys", null, { headers: { authorization: `Bearer ${foreign}`, [PEER_HEADER]: "192.0.2.3" } }), routeParams())).status).toBe(401);
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "auth.key_refused", source: "192.0.2.3" } });
    expect(record?.target).toBe("unknown (not a Tollgate key)");
    expect(JSON.stringify(record)).not.toContain("ghp_0");

    const again = await revoke("to-revoke");
    expect(again.status).toBe(400);
    expect((await again.json()).error.message).toMatch(/already revoked/);
    const unknown = await revoke("nobody");
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/No key named "nobody"/);
    const bad = await revoke("a\u0000b");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.errors).toEqual([{ path: "name", message: expect.any(String) }]);
  });

  it("refuses a state change without the CSRF token", async () => {
    setAppDatabase(database());
    const response = await POST(sessionRequest("/api/v1/keys", admin, { method: "POST", body: { name: "k3", scopes: ["read"] }, csrf: false }), routeParams());
    expect(response.status).toBe(403);
  });
});
