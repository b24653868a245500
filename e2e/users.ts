// Users for the browser tests, created as an admin would: through the users API, signing in with the one-time link.
import { expect, request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import type { Role } from "../lib/contract/vocabulary";

export const NO_COOKIES = { cookies: [], origins: [] };

/** The double-submit CSRF token of a signed-in request context (its cookie's value). */
export async function csrf(request: APIRequestContext): Promise<string> {
  const state = await request.storageState();
  return state.cookies.find((c) => c.name === "tollgate_csrf")?.value ?? "";
}

/** Creates a user with these roles as the signed-in admin `request`, and returns a context signed in as that user. */
export async function signedInUser(request: APIRequestContext, baseURL: string, label: string, roles: Role[], workflows?: string[]): Promise<APIRequestContext> {
  const email = `${label}-${Date.now()}@e2e.example.com`;
  const created = await request.post("/api/v1/users", { headers: { origin: baseURL, "x-csrf-token": await csrf(request) }, data: { email, roles, workflows } });
  expect(created.status(), await created.text()).toBe(201);
  const token = new URL((await created.json()).signInLink.url).searchParams.get("token");
  const context = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const used = await context.post("/api/auth/link", { headers: { origin: baseURL }, data: { token } });
  expect(used.status(), await used.text()).toBe(200);
  return context;
}
