// Every page of the app (discovered from app/**/page.tsx) against every role, over HTTP against the real server:
// anonymous callers are sent to sign-in, roles the hand-written table (lib/testing/expectedAccess.ts) does not let
// in get 403, the others the page.
// Route handlers are walked the same way in lib/auth/routeAccess.test.ts. Users are created as an admin would:
// through the users API, each signing in with the one-time link it returns.
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import type { Role } from "../lib/contract/vocabulary";
import { expectedOutcome, type Caller } from "../lib/testing/expectedAccess";
import { csrf, NO_COOKIES } from "./users";
import { pagePatterns, sampleUrl } from "./pages";

const ROLE_USERS: Partial<Record<Caller, { roles: Role[]; workflows?: string[] }>> = {
  viewer: { roles: ["viewer"] },
  board: { roles: ["board"] },
  owner: { roles: ["owner"], workflows: ["ticket-triage"] },
  "other-owner+board": { roles: ["owner", "board"], workflows: ["crm-enrichment"] },
  reviewer: { roles: ["reviewer"], workflows: ["ticket-triage"] },
  admin: { roles: ["admin"] },
};

test("every page answers each role as the access table says", async ({ request, baseURL }) => {
  const contexts: Partial<Record<Caller, APIRequestContext>> = {
    anonymous: await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES }),
  };
  for (const [label, { roles, workflows }] of Object.entries(ROLE_USERS) as [Caller, { roles: Role[]; workflows?: string[] }][]) {
    const email = `${label.replace("+", "-")}-${Date.now()}@e2e.example.com`;
    const created = await request.post("/api/v1/users", { headers: { origin: baseURL!, "x-csrf-token": await csrf(request) }, data: { email, roles, workflows } });
    expect(created.status(), await created.text()).toBe(201);
    const { signInLink } = await created.json();
    const context = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
    // Opening the link (as a mail scanner would) does not use it up; posting its token does.
    expect(await (await context.get(signInLink.url)).text()).toContain(email);
    const token = new URL(signInLink.url).searchParams.get("token");
    const used = await context.post("/api/auth/link", { headers: { origin: baseURL! }, data: { token } });
    expect(used.status(), await used.text()).toBe(200);
    contexts[label] = context;
  }

  const failures: string[] = [];
  for (const pattern of pagePatterns()) {
    const url = sampleUrl(pattern);
    for (const [label, context] of Object.entries(contexts) as [Caller, APIRequestContext][]) {
      const response = await context.get(url, { maxRedirects: 0 });
      const location = response.headers()["location"] ?? "";
      const outcome = response.status() === 403 ? 403 : location.includes("/sign-in") ? 401 : response.status() < 400 ? "allowed" : response.status();
      const expected = expectedOutcome(`GET ${pattern}`, label);
      if (outcome !== expected) failures.push(`${url} as ${label}: ${response.status()} ${location}, expected ${expected}`);
    }
  }
  expect(failures).toEqual([]);
  for (const context of Object.values(contexts)) await context.dispose();
});

test("a new user signs in with the one-time link an admin hands over, then sets a password", async ({ request, baseURL, browser }) => {
  const email = `newcomer-${Date.now()}@e2e.example.com`;
  const created = await request.post("/api/v1/users", { headers: { origin: baseURL!, "x-csrf-token": await csrf(request) }, data: { email, roles: ["viewer"] } });
  expect(created.status()).toBe(201);
  const { signInLink } = await created.json();
  const context = await browser.newContext({ storageState: NO_COOKIES });
  const page = await context.newPage();
  await page.goto(signInLink.url);
  await page.getByRole("button", { name: `Continue as ${email}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByText("Welcome to Tollgate.")).toBeVisible();
  await page.getByLabel("New password").fill("a newcomer's password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Password set.")).toBeVisible();
  // The link worked once.
  await page.goto(signInLink.url);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await context.close();
});

test.describe("signing in and out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a visitor is sent to sign-in, a wrong password is refused in words, the right one opens the page asked for", async ({ page }) => {
    await page.goto("/workflows/ticket-triage");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fworkflows%2Fticket-triage/);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await page.getByLabel("Email").fill("admin@tollgate.demo");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Wrong email or password.");
    await page.getByLabel("Password").fill("e2e-demo-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/workflows\/ticket-triage$/);
    await expect(page.getByRole("heading", { level: 1, name: "Support ticket triage" })).toBeVisible();

    await page.getByRole("link", { name: "Demo admin" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test("every kind of answer carries the security headers: page, API, static asset, 404, redirect, 401 and sign-in", async ({ request, page, baseURL }) => {
  await page.goto("/");
  const asset = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[src^='/_next/static/']")?.src ?? null);
  expect(asset, "the portfolio loads a script from /_next/static").not.toBeNull();
  const anonymous = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const answers = {
    page: await request.get("/"),
    api: await request.get("/api/v1/workflows"),
    "static asset": await request.get(asset!),
    "404": await request.get("/no-such-page"),
    "sign-in (anonymous)": await anonymous.get("/sign-in"),
    "redirect to sign-in (anonymous)": await anonymous.get("/admin/users", { maxRedirects: 0 }),
    "API 401 (anonymous)": await anonymous.get("/api/v1/workflows"),
  };
  for (const [kind, response] of Object.entries(answers)) {
    const headers = response.headers();
    expect.soft(headers["x-content-type-options"], kind).toBe("nosniff");
    expect.soft(headers["x-frame-options"], kind).toBe("DENY");
    expect.soft(headers["referrer-policy"], kind).toBe("strict-origin-when-cross-origin");
    if (kind !== "static asset") expect.soft(headers["content-security-policy"] ?? "", kind).toContain("frame-ancestors 'none'");
  }
  expect(answers.page.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(answers.api.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
  expect(answers["API 401 (anonymous)"].status()).toBe(401);
  expect(await answers["API 401 (anonymous)"].text()).not.toMatch(/at \w+ \(|node_modules|prisma/i);
  await anonymous.dispose();
});
