import { expect, test } from "@playwright/test";

test("the portfolio renders the demo rollouts", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Portfolio" })).toBeVisible();
  const rows = page.locator("table.data tbody tr");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(6);
  await expect(page.getByText("Europe/Berlin")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("portfolio.png"), fullPage: true });
});

test("the health endpoint answers ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});
