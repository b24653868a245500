// The app's routes as the file system has them: the access walk (lib/auth/routeAccess.test.ts) and the OpenAPI
// walk (lib/openapi/document.test.ts) discover what to check from here, so a new route is never missed.
import fs from "node:fs";
import path from "node:path";
import { REFUSES_METHOD } from "@/lib/http";

export const APP_DIR = path.resolve(import.meta.dirname, "..", "..", "app");
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function filesNamed(dir: string, names: string[]): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, names);
    return names.includes(entry.name) ? [full] : [];
  });
}

/** app/api/v1/keys/[name]/route.ts → /api/v1/keys/[name]; route groups "(x)" do not appear in URLs. */
export const patternOf = (file: string) =>
  "/" +
  path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");

/**
 * "METHOD /pattern" of every route handler method, found by importing each route.ts (under `dir`, default all of
 * app/); a method that only answers 405 (lib/api/unproxied.ts otherMethods) is not one.
 */
export async function routeHandlerKeys(dir = APP_DIR): Promise<string[]> {
  const keys: string[] = [];
  for (const file of filesNamed(dir, ["route.ts"])) {
    const routeModule = (await import(file)) as Record<string, unknown>;
    for (const method of ROUTE_METHODS) {
      const handler = routeModule[method];
      if (typeof handler === "function" && !(REFUSES_METHOD in handler)) keys.push(`${method} ${patternOf(file)}`);
    }
  }
  return keys;
}
