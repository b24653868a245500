import { afterEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testProgram, testActor } from "@/lib/testing/fixtures";
import { applyProgram } from "@/lib/program/applyProgram";
import { consumeSignInLink, findUserByEmail } from "@/lib/auth/users";
import type { Database } from "@/lib/db/database";
import { usersCommand } from "./users";

afterEach(() => vi.restoreAllMocks());

/** Runs `tollgate users …` against the test database; what it printed on stdout. */
async function users(db: Database, ...args: string[]): Promise<string[]> {
  const printed: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  await usersCommand(args, (fn) => fn(db));
  vi.restoreAllMocks();
  return printed;
}

describeEachDatabase("tollgate users", (database) => {
  it("says how to create the first admin while there are no users", async () => {
    expect(await users(database(), "list")).toEqual([expect.stringMatching(/^No users yet\. .*npx tollgate users create --email you@example\.com --role admin \(it prints a one-time sign-in link\)\.$/)]);
  });

  it("creates an admin and prints a one-time sign-in link that signs them in, audited under the operating-system user", async () => {
    const [url] = await users(database(), "create", "--email", "Ann@Example.com", "--role", "admin", "--name", "Ann");
    expect(url).toMatch(/^http:\/\/localhost:\d+\/sign-in\/link\?token=[\w-]+$/);
    const token = new URL(url!).searchParams.get("token")!;
    expect(await consumeSignInLink(database(), token)).toMatchObject({ email: "ann@example.com", roles: ["admin"] });
    expect(await consumeSignInLink(database(), token)).toBeNull();
    const record = await database().prisma.auditRecord.findFirst({ where: { action: "user.create", target: "ann@example.com" } });
    expect(record).toMatchObject({ actorType: "cli", source: "cli" });
  });

  it("names the bad option, refuses an unknown user, and changes roles, workflows and the disabled flag", async () => {
    await applyProgram(database(), testProgram, testActor);
    await expect(users(database(), "create", "--email", "bo@example.com", "--role", "superuser")).rejects.toThrow(/^--role: /);
    await expect(users(database(), "create", "--email", "not an email", "--role", "viewer")).rejects.toThrow(/^--email: /);
    await expect(users(database(), "set", "--email", "nobody@example.com", "--role", "viewer")).rejects.toThrow(/No user with the email nobody@example\.com/);

    await users(database(), "create", "--email", "bo@example.com", "--role", "viewer");
    expect(await users(database(), "set", "--email", "bo@example.com", "--role", "owner,viewer", "--workflows", "ticket-triage", "--disable")).toEqual([
      "bo@example.com: roles owner, viewer, workflows ticket-triage, disabled.",
    ]);
    expect(await findUserByEmail(database(), "bo@example.com")).toMatchObject({ roles: ["owner", "viewer"], workflows: ["ticket-triage"] });
    const listed = await users(database(), "list");
    expect(listed.find((line) => line.startsWith("bo@example.com"))).toMatch(/owner,viewer\s+link only\s+disabled workflows ticket-triage$/);
  });

  it("grants the reviewer role per workflow", async () => {
    await users(database(), "create", "--email", "rita@example.com", "--role", "reviewer", "--workflows", "crm-enrichment");
    expect(await findUserByEmail(database(), "rita@example.com")).toMatchObject({ roles: ["reviewer"], workflows: ["crm-enrichment"] });
    await expect(users(database(), "set", "--email", "rita@example.com", "--workflows", "no-such-workflow")).rejects.toThrow(/unknown workflow/);
  });
});
