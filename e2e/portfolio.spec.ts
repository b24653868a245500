import { expect, test } from "@playwright/test";
import { screenshot } from "./screenshot";

test.use({ viewport: { width: 1440, height: 900 } });

test("the portfolio loads the demo with verdicts, sparklines, sorting and filters", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Portfolio" })).toBeVisible();
  await expect(page.getByText("times in Europe/Berlin")).toBeVisible();

  const table = page.getByRole("table", { name: /Rollouts with tier, phase, owners/ });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(8);
  // Every verdict is an icon and a word; the demo has holds and no-gos, and one rollout without a gate.
  await expect(table.getByText("HOLD", { exact: true }).first()).toBeVisible();
  await expect(table.getByText("NO-GO", { exact: true }).first()).toBeVisible();
  await expect(table.getByText("No gate", { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Precision by week: / }).first()).toBeVisible();
  await expect(page.getByText("Showing 8 of 8 rollouts")).toBeVisible();

  await screenshot(page, testInfo, "portfolio");

  // Filters live in the URL; the verdict tiles count the rows a verdict filter keeps.
  const noGo = await page.getByRole("button", { name: /^NO-GO/ }).locator(".verdict-tile-count").textContent();
  await page.getByLabel("Verdict", { exact: true }).selectOption("no_go");
  await expect(page).toHaveURL(/verdict=no_go/);
  await expect(rows).toHaveCount(Number(noGo));
  await expect(page.getByText(`Showing ${noGo} of 8 rollouts`)).toBeVisible();
  await page.getByLabel("Verdict", { exact: true }).selectOption("");
  await page.getByLabel("Phase", { exact: true }).selectOption("department");
  await expect(page).toHaveURL(/phase=department/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Customer Support, all regions");
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(rows).toHaveCount(8);

  // Sorting by precision, descending on the second click; rows without a figure stay last.
  await page.getByRole("button", { name: /^Sort by precision/ }).click();
  await expect(page).toHaveURL(/sort=precision/);
  await expect(page.getByRole("columnheader", { name: /precision/i })).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.first()).toContainText("Meeting follow-up emails");
  await page.getByRole("button", { name: /^Sort by precision/ }).click();
  await expect(page.getByRole("columnheader", { name: /precision/i })).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText("Shared inbox triage");

  // The filter state survives a reload (shared links).
  await page.reload();
  await expect(page.getByRole("columnheader", { name: /precision/i })).toHaveAttribute("aria-sort", "descending");
});

test("keyboard users can skip to the content and open the workflow menu", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByText("Workflows", { exact: true })).toBeFocused();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("navigation", { name: "Main" });
  await expect(menu.getByRole("link", { name: "Contract review summaries" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(menu.getByRole("link", { name: "Contract review summaries" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu.getByRole("link", { name: "Contract review summaries" })).toBeHidden();
  await expect(page.getByText("Workflows", { exact: true })).toBeFocused();
});

test("the health endpoint answers ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("the API answers the signed-in dashboard with the read contracts and answer bad input with a 4xx JSON error", async ({ request }) => {
  const ok = await request.get("/api/v1/metrics?workflow=ticket-triage&from=2026-01-05&to=2026-02-02&granularity=week");
  expect(ok.status()).toBe(200);
  expect((await ok.json()).series).toHaveLength(4);
  const unknown = await request.get("/api/v1/metrics?workflow=no-such-workflow&from=2026-01-05&to=2026-02-02");
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.code).toBe("bad_request");
  const badWindow = await request.get("/api/v1/cohorts?workflow=ticket-triage&from=2026-02-02&to=2026-01-05");
  expect(badWindow.status()).toBe(400);
  expect((await badWindow.json()).error.errors[0].path).toBe("to");
});

test("the Export menu downloads the weekly scorecard as CSV, JSON and PDF", async ({ page, request }) => {
  await page.goto("/");
  await page.getByText("Export", { exact: true }).click();
  const menu = page.getByRole("group", { name: "Weekly export" });
  await expect(menu).toBeVisible();
  const week = await menu.getByLabel("Week").inputValue();
  for (const [label, type] of [
    ["CSV", "text/csv"],
    ["JSON", "application/json"],
    ["PDF", "application/pdf"],
  ] as const) {
    const href = await menu.getByRole("link", { name: label, exact: true }).getAttribute("href");
    expect(href).toContain(`week=${week}`);
    const response = await request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain(type);
  }
  const csv = await (await request.get(`/api/v1/exports/weekly?week=${week}&format=csv`)).text();
  expect(csv.split("\r\n")[0]).toMatch(/^week,workflow,cohort,phase,outputs,reviews,precision,/);
  expect(csv.trim().split("\r\n")).toHaveLength(1 + 8);
});
