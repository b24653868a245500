import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { screenshot } from "./screenshot";

test.use({ viewport: { width: 1440, height: 900 } });

const NOT_READY = "/scorecards/meeting-followups/sales-pilot";

test("open a scorecard from the portfolio and record a board decision that appears in the history", async ({ page }, testInfo) => {
  await page.goto("/");
  await page.getByRole("link", { name: /^Scorecard of Meeting follow-up emails/ }).click();
  await expect(page).toHaveURL(NOT_READY);
  await expect(page.getByRole("heading", { level: 1, name: /Meeting follow-up emails/ })).toBeVisible();

  const hero = page.getByRole("region", { name: "Verdict" });
  await expect(hero.getByText("NO-GO", { exact: true })).toBeVisible();
  const criteria = page.getByRole("table", { name: /^Gate criteria of pilot-to-department/ });
  await expect(criteria.locator("tbody tr")).toHaveCount(5);
  await expect(criteria.getByRole("row", { name: /^Precision/ })).toContainText("Fail");
  await expect(page.getByRole("table", { name: "Readiness checklist with owners and evidence" }).locator("tbody tr")).toHaveCount(6);
  await expect(page.getByText("No decision has been recorded for this rollout yet.")).toBeVisible();

  // Extending against a no-go needs an override note: the server says so beside the field.
  const form = page.getByRole("region", { name: "Record the board's decision" });
  await form.getByRole("radio", { name: /^Extend/ }).check();
  await form.getByLabel("Rationale").fill("Precision is still climbing after the prompt fix; one more month in the pilot.");
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.getByText(/needs an override note/)).toBeVisible();
  await expect(form.getByLabel(/^Override note/)).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel(/^Override note/).fill("The sales leadership accepts the pilot risk for four more weeks.");
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(form.getByText("Decision recorded.")).toBeVisible();
  const history = page.getByRole("list", { name: "Decisions, newest first" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Precision is still climbing after the prompt fix");
  await expect(history).toContainText("The sales leadership accepts the pilot risk");
  await expect(history).toContainText("EXTEND");
  await expect(history).toContainText("admin@tollgate.demo");
  await expect(form.getByLabel("Rationale")).toHaveValue("");

  await screenshot(page, testInfo, "scorecard");

  // The snapshot the board decided on.
  await history.getByText("Scorecard as decided").click();
  await expect(history.getByRole("table", { name: "Criteria as they stood when the board decided" })).toBeVisible();
});

test("a rollout without a gate says so instead of a verdict", async ({ page }) => {
  await page.goto("/scorecards/inbox-triage/all-employees");
  await expect(page.getByRole("heading", { name: "No gate applies" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Record the board's decision" })).toHaveCount(0);
});

test("the scorecard prints as an A4 board pack", async ({ page }, testInfo) => {
  await page.goto("/scorecards/ticket-triage/support-pilot");
  await expect(page.getByRole("heading", { name: "Gate criteria" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { name: "Record the board's decision" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print board pack" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByText(/^Board pack · printed from Tollgate/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Gate criteria" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("scorecard-print.png"), fullPage: true });
  const pdf = testInfo.outputPath("scorecard-a4.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
  const bytes = fs.readFileSync(pdf);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytes.length).toBeGreaterThan(10_000);
});
