// WCAG 2.1 AA, kept by the tests: every page of the app (discovered from app/**/page.tsx, so a new page is checked
// the day it lands) in its loaded state, plus the empty, error and refused states a user can reach, checked with
// axe-core's WCAG 2.0/2.1 A and AA rules. A violation fails the test and names the rule and the elements.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { NO_COOKIES, signedInUser } from "./users";
import { pagePatterns, sampleUrl } from "./pages";

const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** The states beyond each page's loaded one: empty results, errors a URL can reach, pages without their data. */
const STATES: { name: string; url: string; signedIn: boolean }[] = [
  { name: "portfolio filtered to nothing", url: "/?phase=enterprise&tier=insight&verdict=go&department=Nobody", signedIn: true },
  { name: "workflow with an empty window", url: "/workflows/ticket-triage?from=2020-01-06&to=2020-02-03", signedIn: true },
  { name: "cohorts with an empty window", url: "/workflows/ticket-triage/cohorts?from=2020-01-06&to=2020-02-03", signedIn: true },
  { name: "unknown workflow (not found)", url: "/workflows/no-such-workflow", signedIn: true },
  { name: "unknown rollout scorecard (not found)", url: "/scorecards/ticket-triage/no-such-cohort", signedIn: true },
  { name: "audit trail filtered to nothing", url: "/admin/audit?actor=nobody-at-all", signedIn: true },
  { name: "review page holding an item", url: "/review?workflow=ticket-triage", signedIn: true },
  { name: "sign-in link without a token", url: "/sign-in/link", signedIn: false },
  { name: "sign-in with an expired-session notice", url: "/sign-in?next=%2Fadmin%2Fusers", signedIn: false },
];

async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n      ` +
      violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary?.split("\n").slice(1).join(" ")}`).join("\n      ") +
      (violation.nodes.length > 5 ? `\n      … and ${violation.nodes.length - 5} more` : ""),
  );
}

async function check(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  return (await violations(page)).map((line) => `${url}: ${line}`);
}

const PAGES = pagePatterns();

test("the pages are found", () => {
  expect(PAGES.length).toBeGreaterThan(5);
});

// One test per page and state, so a slow page cannot starve the others of their time.
for (const pattern of PAGES) {
  const url = sampleUrl(pattern);
  test(`${pattern} in its loaded state passes WCAG 2.1 AA`, async ({ page }) => {
    const failures = await check(page, url);
    expect(failures, failures.join("\n")).toEqual([]);
  });
}

for (const state of STATES) {
  test(`${state.name} passes WCAG 2.1 AA`, async ({ page, browser, baseURL }) => {
    const target = state.signedIn ? page : await (await browser.newContext({ storageState: NO_COOKIES, baseURL })).newPage();
    const failures = await check(target, state.url);
    expect(failures, failures.join("\n")).toEqual([]);
  });
}

test("a refused page and a failed sign-in pass WCAG 2.1 AA", async ({ browser, request, baseURL }) => {
  // A viewer opening an admin page gets the forbidden page.
  const viewer = await signedInUser(request, baseURL!, "a11y-viewer", ["viewer"]);
  const viewerPage = await (await browser.newContext({ storageState: await viewer.storageState(), baseURL })).newPage();
  const failures = await check(viewerPage, "/admin/users");
  await expect(viewerPage.getByRole("heading", { level: 1 })).toBeVisible();
  await viewerPage.close();

  // A wrong password shows the sign-in error.
  const signIn = await (await browser.newContext({ storageState: NO_COOKIES, baseURL })).newPage();
  await signIn.goto("/sign-in");
  await signIn.getByLabel("Email").fill("nobody@e2e.example.com");
  await signIn.getByLabel("Password").fill("not the password");
  await signIn.getByRole("button", { name: /sign in/i }).click();
  await expect(signIn.getByRole("alert")).toBeVisible();
  failures.push(...(await violations(signIn)).map((line) => `/sign-in after a failed attempt: ${line}`));
  await signIn.close();
  expect(failures, failures.join("\n")).toEqual([]);
});

test("every chart has a name, a summary in words and a data table; no verdict is told by colour alone", async ({ page }) => {
  for (const url of ["/", "/workflows/ticket-triage", "/workflows/ticket-triage/cohorts", "/scorecards/ticket-triage/support-pilot"]) {
    await page.goto(url);
    for (const chart of await page.locator("figure.chart-card").all()) {
      await expect(chart, `${url}: a chart without a name`).toHaveAccessibleName(/\S/);
      await expect(chart, `${url}: a chart without a summary`).toHaveAccessibleDescription(/\S/);
      await expect(chart.locator("details.chart-data table"), `${url}: a chart without a data table`).toHaveCount(1);
    }
    for (const badge of await page.locator(".badge.verdict").all()) {
      await expect(badge.locator("svg"), `${url}: a verdict badge without its icon`).toHaveCount(1);
      await expect(badge, `${url}: a verdict badge without its word`).toHaveText(/^(GO|HOLD|NO-GO|EXTEND|No gate)$/);
    }
  }
  await page.goto("/workflows/ticket-triage");
  await expect(page.locator("figure.chart-card").first()).toBeVisible();
});
