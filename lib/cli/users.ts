// `tollgate users …`: the way in for the first admin (and for scripts). The CLI runs with shell access to the
// installation, so it acts without signing in; every change is audited under the operating-system user.
import { cliActor } from "@/lib/audit/audit";
import { userInput, userUpdate } from "@/lib/contract/accounts";
import type { Database } from "@/lib/db/database";
import { fieldErrors } from "@/lib/contract/common";
import { createSignInLink, createUser, findUserByEmail, listUsers, setPassword, updateUser } from "@/lib/auth/users";
import { parseCommandArgs } from "./args";
import { UsageError } from "@/lib/errors";
import { publicBaseUrl, signInLink } from "@/lib/auth/signIn";

export const USERS_USAGE = `tollgate users create --email E --role admin[,owner,board,viewer,reviewer] [--name N] [--workflows a,b] [--password-stdin]
  tollgate users list | users link --email E | users password --email E   (the password is read from stdin)
  tollgate users set --email E [--role R,R] [--workflows a,b] [--disable | --enable]`;

/** What an installation without users needs to hear: how its first admin gets in. */
export const FIRST_ADMIN_HINT = "No users yet. Create the first admin with: npx tollgate users create --email you@example.com --role admin (it prints a one-time sign-in link).";

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter(Boolean));

/** Where the printed links point: TOLLGATE_PUBLIC_URL, else this machine's port. */
const publicUrl = () => publicBaseUrl(`http://localhost:${process.env.PORT ?? 3000}`);

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("Pipe the password in on stdin, e.g. `printf %s \"$PASSWORD\" | npx tollgate users password --email E`.");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function parsed<T>(result: { success: true; data: T } | { success: false; error: import("zod").ZodError }): T {
  if (!result.success) throw new UsageError(fieldErrors(result.error).map((e) => `--${e.path.replace(/\[\d+\]$/, "").replace(/^roles$/, "role")}: ${e.message}`).join("\n"));
  return result.data;
}

async function userByEmail(db: Database, email: string | undefined) {
  if (!email) throw new UsageError("Name the user with --email.");
  const user = await findUserByEmail(db, email);
  if (!user) throw new UsageError(`No user with the email ${email}. Create one with: npx tollgate users create --email ${email} --role viewer`);
  return user;
}

export async function usersCommand(args: string[], withDatabase: <T>(fn: (db: Database) => Promise<T>) => Promise<T>): Promise<void> {
  const [action, ...rest] = args;
  const options = {
    email: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
    workflows: { type: "string" },
    "password-stdin": { type: "boolean" },
    disable: { type: "boolean" },
    enable: { type: "boolean" },
  } as const;
  const { values } = parseCommandArgs(rest, options, USERS_USAGE);
  const actor = cliActor();

  if (action === "create") {
    const input = parsed(userInput.safeParse({ email: values.email, name: values.name, roles: list(values.role) ?? [], workflows: list(values.workflows) }));
    const password = values["password-stdin"] ? await readStdin() : undefined;
    const { user, link } = await withDatabase(async (db) => {
      const user = await createUser(db, input, actor, { password });
      return { user, link: password === undefined ? await createSignInLink(db, user.id, actor) : null };
    });
    console.error(`Created ${user.email} with the role${user.roles.length > 1 ? "s" : ""} ${user.roles.join(", ")}.`);
    if (link) {
      console.error(`Send this one-time sign-in link (valid until ${link.expiresAt.toISOString()}); it is shown only now:`);
      console.log(signInLink(publicUrl(), link).url);
    } else console.log(`Sign in at ${publicUrl()}/sign-in with the password given.`);
  } else if (action === "list") {
    const users = await withDatabase(listUsers);
    if (users.length === 0) console.log(FIRST_ADMIN_HINT);
    for (const u of users) {
      const how = [u.hasPassword && "password", u.sso && "sso"].filter(Boolean).join("+") || "link only";
      const owns = u.workflows.length ? ` workflows ${u.workflows.join(",")}` : "";
      console.log(`${u.email.padEnd(36)} ${u.roles.join(",").padEnd(26)} ${how.padEnd(14)} ${u.disabledAt ? "disabled" : "active"}${owns}`);
    }
  } else if (action === "link") {
    const { email, link } = await withDatabase(async (db) => {
      const user = await userByEmail(db, values.email);
      return { email: user.email, link: await createSignInLink(db, user.id, actor) };
    });
    console.error(`One-time sign-in link for ${email} (valid until ${link.expiresAt.toISOString()}):`);
    console.log(signInLink(publicUrl(), link).url);
  } else if (action === "password") {
    const password = await readStdin();
    await withDatabase(async (db) => setPassword(db, (await userByEmail(db, values.email)).id, password, actor));
    console.log(`Password set for ${values.email}.`);
  } else if (action === "set") {
    if (values.disable && values.enable) throw new UsageError("Give --disable or --enable, not both.");
    const change = parsed(
      userUpdate.safeParse({
        roles: list(values.role),
        workflows: list(values.workflows),
        ...(values.disable ? { disabled: true } : values.enable ? { disabled: false } : {}),
      }),
    );
    const user = await withDatabase(async (db) => updateUser(db, (await userByEmail(db, values.email)).id, change, actor));
    console.log(`${user.email}: roles ${user.roles.join(", ")}${user.workflows.length ? `, workflows ${user.workflows.join(", ")}` : ""}, ${user.disabledAt ? "disabled" : "active"}.`);
  } else throw new UsageError(`Usage: ${USERS_USAGE}`);
}
