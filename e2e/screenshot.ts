import type { Page, TestInfo } from "@playwright/test";

/**
 * A full-page screenshot kept with the test's results; with TOLLGATE_DOC_SCREENSHOTS=1 it also refreshes the
 * README's picture in docs/, so an ordinary test run never rewrites tracked files.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  if (process.env.TOLLGATE_DOC_SCREENSHOTS === "1") await page.screenshot({ path: `docs/${name}.png`, fullPage: true });
}
