import { expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { inTransaction } from "@/lib/db/transaction";
import { revokeApiKeyRow } from "@/lib/db/queries/apiKeyRows";
import { authenticateApiKey, createApiKey, KEY_RECHECK_MS, KeyError, listApiKeys, revokeApiKey } from "./keys";

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

  it("takes a valid key as valid for KEY_RECHECK_MS: a revocation elsewhere is refused here within that time", async () => {
    const { secret } = await createApiKey(database(), { name: "elsewhere", scopes: ["ingest"] }, testActor);
    const t0 = new Date("2026-12-02T10:00:00Z");
    expect(await authenticateApiKey(database(), secret, t0)).toMatchObject({ name: "elsewhere" });
    // Another instance (or the CLI) revokes it: this process is not told.
    await inTransaction(database(), (tx) => revokeApiKeyRow(tx, "elsewhere", t0));
    expect(await authenticateApiKey(database(), secret, new Date(t0.getTime() + KEY_RECHECK_MS - 1))).toMatchObject({ name: "elsewhere" });
    expect(await authenticateApiKey(database(), secret, new Date(t0.getTime() + KEY_RECHECK_MS))).toBeNull();
  });

  it("refuses a key revoked in this process at once, even within KEY_RECHECK_MS of its last use", async () => {
    const { secret } = await createApiKey(database(), { name: "here", scopes: ["ingest"] }, testActor);
    const t0 = new Date();
    expect(await authenticateApiKey(database(), secret, t0)).toMatchObject({ name: "here" });
    await revokeApiKey(database(), "here", testActor);
    expect(await authenticateApiKey(database(), secret, new Date(t0.getTime() + 1))).toBeNull();
  });

  it("does not remember a key a lookup read as valid while this process revoked it", async () => {
    const { secret } = await createApiKey(database(), { name: "racing", scopes: ["ingest"] }, testActor);
    const t0 = new Date();
    // The lookup reads the key as valid, then waits on its lastUsedAt write while the revocation commits.
    const keys = database().prisma.apiKey;
    const updateMany = keys.updateMany.bind(keys) as (args: unknown) => Promise<unknown>;
    let touching!: () => void;
    const touched = new Promise<void>((resolve) => (touching = resolve));
    let release!: () => void;
    const revoked = new Promise<void>((resolve) => (release = resolve));
    const touch = vi.spyOn(keys, "updateMany").mockImplementationOnce((async (args: unknown) => {
      touching();
      await revoked;
      return updateMany(args);
    }) as unknown as typeof keys.updateMany);
    try {
      const lookup = authenticateApiKey(database(), secret, t0);
      await touched;
      await revokeApiKey(database(), "racing", testActor);
      release();
      expect(await lookup).toMatchObject({ name: "racing" }); // it read the key before the revocation
      expect(await authenticateApiKey(database(), secret, new Date(t0.getTime() + 1))).toBeNull();
    } finally {
      touch.mockRestore();
    }
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
