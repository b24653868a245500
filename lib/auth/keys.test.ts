import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { authenticateApiKey, createApiKey, KeyError, listApiKeys, revokeApiKey } from "./keys";

describeEachDatabase("API keys", (database) => {
  it("stores only a hash, authenticates the secret, and stops after revocation", async () => {
    await applyProgram(database(), testProgram, testActor);
    const { secret, key } = await createApiKey(database(), { name: "agent", scopes: ["ingest", "read"], workflows: ["ticket-triage"] }, testActor);
    expect(secret.startsWith(key.prefix)).toBe(true);
    const rows = await database().sql.query(`SELECT * FROM "ApiKey"`);
    expect(JSON.stringify(rows)).not.toContain(secret);

    const principal = await authenticateApiKey(database(), secret);
    expect(principal && [...principal.scopes]).toEqual(["ingest", "read"]);
    expect(principal && [...principal.workflows!]).toEqual(["ticket-triage"]);
    expect(await authenticateApiKey(database(), secret.slice(0, -1) + (secret.endsWith("x") ? "y" : "x"))).toBeNull();

    await revokeApiKey(database(), "agent", testActor);
    expect(await authenticateApiKey(database(), secret)).toBeNull();
    expect((await listApiKeys(database()))[0]?.revokedAt).toBeInstanceOf(Date);
  });

  it("refuses duplicate names, unknown scopes and unknown workflows", async () => {
    await createApiKey(database(), { name: "reader", scopes: ["read"] }, testActor);
    await expect(createApiKey(database(), { name: "reader", scopes: ["read"] }, testActor)).rejects.toThrow(KeyError);
    await expect(createApiKey(database(), { name: "x", scopes: ["write"] }, testActor)).rejects.toThrow(/scope|Invalid option/);
    await expect(createApiKey(database(), { name: "y", scopes: ["ingest"], workflows: ["ghost"] }, testActor)).rejects.toThrow(/ghost/);
    await expect(revokeApiKey(database(), "nobody", testActor)).rejects.toThrow(/No key/);
  });

  it("records when a key was last used, at most once a minute", async () => {
    const { secret } = await createApiKey(database(), { name: "used", scopes: ["read"] }, testActor);
    const lastUsed = async () => (await listApiKeys(database())).find((k) => k.name === "used")!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date("2026-12-01T10:00:00Z");
    await authenticateApiKey(database(), secret, t0);
    expect(await lastUsed()).toEqual(t0);
    await authenticateApiKey(database(), secret, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toEqual(t0);
    await authenticateApiKey(database(), secret, new Date(t0.getTime() + 61_000));
    expect(await lastUsed()).toEqual(new Date(t0.getTime() + 61_000));
  });
});
