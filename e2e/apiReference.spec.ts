// The API reference page renders the OpenAPI document under the pages' strict policy: reached from the navigation
// and the keys page, it lists the operations, and it breaks no rule of the Content-Security-Policy and fetches
// nothing from another origin (no fonts, no scripts, no telemetry).
import { expect, test } from "@playwright/test";
import { screenshot } from "./screenshot";

test.use({ viewport: { width: 1440, height: 900 } });

test("the API reference renders the operations, under the CSP, from this origin only", async ({ page, baseURL }, testInfo) => {
  const elsewhere: string[] = [];
  const violations: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["http:", "https:"].includes(url.protocol) || url.origin === new URL(baseURL!).origin) return;
    elsewhere.push(request.url());
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });

  await page.goto("/admin/keys");
  await page.getByRole("link", { name: "API reference" }).last().click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs\/api$/);

  await expect(page.getByRole("heading", { level: 1, name: "Tollgate API" })).toBeVisible();
  for (const tag of ["Events", "Reports", "Scorecards", "Program", "Administration", "Reference"]) {
    await expect(page.getByRole("heading", { level: 2, name: tag })).toBeVisible();
  }
  for (const summary of ["Send events", "Get a scorecard", "Create an API key", "Get this OpenAPI description"]) {
    await expect(page.getByRole("heading", { level: 3, name: summary })).toBeVisible();
  }
  // An operation opens in place with its access, inputs and answers.
  const sendEvents = page.locator("details#sendEvents");
  await sendEvents.getByRole("heading", { level: 3, name: "Send events" }).click();
  await expect(sendEvents.getByText("Access: an API key with the ingest scope.")).toBeVisible();
  await expect(sendEvents.getByRole("heading", { level: 4, name: "Request body" })).toBeVisible();
  await expect(sendEvents.getByText("207", { exact: true })).toBeVisible();
  await expect(page.getByText("An event's id is unique per workflow").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await screenshot(page, testInfo, "api-reference");

  expect(violations, violations.join("\n")).toEqual([]);
  expect(elsewhere, elsewhere.join("\n")).toEqual([]);
  // The policy the page was served with is the app's own, not one loosened for the viewer.
  const policy = (await page.request.get("/docs/api")).headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(policy).not.toContain("unsafe-eval");
});
