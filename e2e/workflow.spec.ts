import { expect, test } from "@playwright/test";

test.use({ viewport: { width: 1440, height: 900 } });

test("navigate to a workflow, change the cohort and the date range: the charts and the URL follow", async ({ page }, testInfo) => {
  await page.goto("/");
  await page.getByText("Workflows", { exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Support ticket triage" }).click();
  await expect(page).toHaveURL(/\/workflows\/ticket-triage$/);
  await expect(page.getByRole("heading", { level: 1, name: "Support ticket triage" })).toBeVisible();

  const precision = page.getByRole("figure", { name: "Precision" });
  await expect(precision.locator(".recharts-surface")).toBeVisible();
  const summary = precision.locator("figcaption");
  const before = await summary.textContent();
  expect(before).toMatch(/^Precision by week, .+: \d+\.\d% in the week of/);
  // With both cohorts, which are judged by different gates, no threshold is drawn.
  await expect(page.getByText("The cohorts are judged by different gates")).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath("workflow-all-cohorts.png"), fullPage: true });

  await page.getByLabel("Cohort", { exact: true }).selectOption("support-pilot");
  await expect(page).toHaveURL(/cohort=support-pilot/);
  await expect(summary).not.toHaveText(before!);
  await expect(summary).toContainText("Gate ≥ 90.0% (Pilot → Department)");
  await expect(page.getByText("Dashed lines: the Pilot → Department gate")).toBeVisible();
  await expect(precision.locator(".recharts-reference-line")).toHaveCount(1);

  // The text alternative: the chart's data as a table, one row per week.
  await precision.getByText("Show data table").click();
  const table = precision.getByRole("table", { name: "Precision by week with 95% intervals" });
  await expect(table.locator("tbody tr")).toHaveCount(12);

  await page.getByRole("button", { name: "Last 4 weeks" }).click();
  await expect(page).toHaveURL(/range=4w/);
  await expect(page.getByRole("button", { name: "Last 4 weeks" })).toHaveAttribute("aria-pressed", "true");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath("workflow-support-pilot.png"), fullPage: true });

  // The filters are in the history: back restores the previous view, and a reload renders it on the server.
  await page.goBack();
  await expect(page).not.toHaveURL(/range=4w/);
  await expect(table.locator("tbody tr")).toHaveCount(12);
  await page.reload();
  await expect(page.getByLabel("Cohort", { exact: true })).toHaveValue("support-pilot");

  // The charts are keyboard-navigable: focus one, then the arrow keys move through the weeks.
  await precision.locator(".recharts-surface").focus();
  // The pilot's first weeks have no reviews yet (no point to show); move on to one with data.
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await expect(precision.locator(".chart-tooltip")).toContainText(/Week of .+ \(\d{4}-W\d{2}\)/);

  // The agent version filter.
  await page.getByLabel("Agent version", { exact: true }).selectOption("1.5.0");
  await expect(page).toHaveURL(/version=1\.5\.0/);
  await expect(page.getByText(/agent version 1\.5\.0/)).toBeVisible();
});

test("a failed load shows an error with a retry that recovers", async ({ page }) => {
  await page.goto("/workflows/invoice-coding");
  await expect(page.getByRole("figure", { name: "Precision" })).toBeVisible();
  await page.route("**/api/v1/metrics**", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "The database is busy." } }) }),
  );
  await page.getByRole("button", { name: "Last 4 weeks" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "This data could not be loaded" });
  await expect(alert).toContainText("This data could not be loaded", { timeout: 15_000 });
  await expect(alert).toContainText("The database is busy.");
  await page.unroute("**/api/v1/metrics**");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("figure", { name: "Precision" })).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test("a custom date range without events shows how to send the first ones", async ({ page }) => {
  await page.goto("/workflows/contract-summaries?from=2020-01-06&to=2020-02-03");
  await expect(page.getByRole("heading", { name: "No events in this window" })).toBeVisible();
  await expect(page.getByText(/curl -X POST .*\/api\/v1\/events/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Custom…" })).toHaveAttribute("aria-pressed", "true");
});

test("the cohorts view compares cohorts, each against its own baseline and gate", async ({ page }, testInfo) => {
  await page.goto("/workflows/ticket-triage");
  await page.getByRole("link", { name: "Cohorts side by side" }).click();
  await expect(page).toHaveURL(/\/workflows\/ticket-triage\/cohorts/);
  await expect(page.getByRole("article")).toHaveCount(2);
  await expect(page.getByRole("article", { name: "Support pilot (Tier 1 EMEA)" })).toContainText("measured baseline");
  await expect(page.getByRole("article", { name: "Customer Support, all regions" })).toContainText("configured baseline");
  const precision = page.getByRole("table", { name: /^Precision by cohort/ });
  await expect(precision.getByRole("row")).toHaveCount(3);
  await expect(precision).toContainText("gate ≥ 92.0%");
  await expect(precision).toContainText("gate ≥ 90.0%");
  await page.getByRole("button", { name: "Last 4 weeks" }).click();
  await expect(page).toHaveURL(/range=4w/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath("cohorts.png"), fullPage: true });
});
