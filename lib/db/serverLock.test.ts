import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ServerRunningError, serverLockFile, takeServerLock } from "./serverLock";

const REPO_ROOT = path.resolve(import.meta.dirname, "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-lock-"));
const url = `file:${path.join(dir, "tollgate.db")}`;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Another process holding the server lock, as a running server does. */
async function holder(): Promise<ChildProcess> {
  const script = `import(${JSON.stringify(path.join(REPO_ROOT, "lib/db/serverLock.ts"))}).then((m) => { m.takeServerLock(${JSON.stringify(url)}); console.log("held"); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", script], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
    child.on("exit", (code) => reject(new Error(`the holder exited (${code})`)));
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

describe("the SQLite server lock", () => {
  it("is held by one process; a crash of its holder frees it at once", async () => {
    const child = await holder();
    expect(() => takeServerLock(url)).toThrow(ServerRunningError);
    expect(() => takeServerLock(url)).toThrow(/Another Tollgate server is running on the SQLite database .*tollgate\.db.*use Postgres.*CLI/s);
    child.kill("SIGKILL");
    await exited(child);
    const lock = takeServerLock(url);
    expect(() => takeServerLock(url)).toThrow(ServerRunningError);
    lock.release();
    takeServerLock(url).release();
  }, 30_000);

  it("makes a second `tollgate start` refuse at once, while the CLI keeps working beside the server", async () => {
    const child = await holder();
    try {
      const env = { ...process.env, DATABASE_URL: url, TOLLGATE_ACTOR_SECRET: "lock-test-secret", TOLLGATE_DEMO: "0" };
      const started = Date.now();
      const second = spawnSync(process.execPath, ["bin/tollgate.mjs", "start", "--port", "1", "--no-build"], { cwd: REPO_ROOT, env, encoding: "utf8" });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/Another Tollgate server is running/);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(fs.existsSync(url.slice("file:".length))).toBe(false); // refused before migrating

      const cli = spawnSync(process.execPath, ["bin/tollgate.mjs", "retention", "status"], { cwd: REPO_ROOT, env, encoding: "utf8" });
      expect(cli.status).toBe(0);
      expect(cli.stdout).toMatch(/400 days/);
    } finally {
      child.kill("SIGKILL");
      await exited(child);
    }
  }, 60_000);

  it("is not needed on Postgres", () => {
    expect(serverLockFile("postgresql://localhost/tollgate")).toBeNull();
    takeServerLock("postgresql://localhost/tollgate").release();
  });
});
