// The review page: a reviewer works through the queue with the keyboard alone, and content that tries to run code
// is shown as text.
import { expect, test, type Page } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "../playwright.config";
import { DEMO_REVIEWER } from "../lib/demo/program";
import { csrf, NO_COOKIES } from "./users";

async function signInAsReviewer(page: Page, baseURL: string) {
  const response = await page.request.post("/api/auth/sign-in", { headers: { origin: baseURL }, data: { email: DEMO_REVIEWER, password: E2E_DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
}

const title = (page: Page) => page.locator("#review-title");
/** The item's line naming its output id: titles of different items may be alike. */
const meta = (page: Page) => page.locator(".review-meta");
const progress = (page: Page) => page.locator(".review-progress label");

test.describe("as the demo reviewer", () => {
  test.use({ storageState: NO_COOKIES });

  test("reviews five items with the keyboard only", async ({ page, baseURL }) => {
    await signInAsReviewer(page, baseURL!);
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review", exact: true })).toBeVisible();
    await page.goto("/review?workflow=meeting-followups");
    await expect(page.getByRole("heading", { level: 1, name: "Review: Meeting follow-up emails" })).toBeVisible();
    await expect(title(page)).toBeFocused();
    const done = async () => Number(/This week: (\d+) of/.exec((await progress(page).textContent()) ?? "")?.[1]);
    await expect(progress(page)).toContainText("This week:");
    const before = await done();

    const seen: string[] = [];
    // Accepted, light edit, heavy edit (category by arrow key), accepted, rejected (category by arrow key).
    for (const key of ["1", "2", "3", "1", "4"]) {
      const current = (await meta(page).textContent())!;
      expect(seen).not.toContain(current);
      seen.push(current);
      await page.keyboard.press(key);
      await expect(page.getByRole("radio").nth(Number(key) - 1)).toBeChecked();
      if (key === "3" || key === "4") {
        const picker = page.getByLabel(/Error category/);
        await expect(picker).toBeFocused();
        await page.keyboard.press("ArrowDown");
        await expect(picker).not.toHaveValue("");
      }
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status").filter({ hasText: "Recorded:" })).toBeVisible();
      await expect(meta(page)).not.toHaveText(current);
    }
    await expect.poll(done).toBe(before + 5);

    // s skips: the item goes to someone else and a new one comes.
    const skipped = (await meta(page).textContent())!;
    await page.keyboard.press("s");
    await expect(meta(page)).not.toHaveText(skipped);
    await expect.poll(done).toBe(before + 5);
  });
});

test("content that tries to run code is shown as text, and its link opens apart from the app", async ({ page, request, baseURL }) => {
  // A workflow whose every output is sampled, so the item is certain to be queued.
  const headers = { origin: baseURL!, "x-csrf-token": await csrf(request) };
  const program = await request.put("/api/v1/program", {
    headers,
    data: {
      workflows: [{ key: "xss-check", name: "XSS check", tier: "draft", businessOwner: "Security", technicalOwner: "IT", successMetric: "none", failureMode: "script runs" }],
      rollouts: [{ workflow: "xss-check", cohort: "support-pilot", phase: "pilot", review: { rate: 1, doubleRate: 0 } }],
    },
  });
  expect(program.status(), await program.text()).toBe(200);
  const created = await request.post("/api/v1/keys", { headers, data: { name: `xss-${Date.now()}`, scopes: ["ingest"] } });
  const { secret } = await created.json();
  const payload = {
    title: `<img src=x onerror="window.__xss='title'">`,
    text: `<script>window.__xss='text'</script><b>not bold</b> javascript:alert(1)`,
    link: `https://example.com/?q=<script>alert(1)</script>`,
  };
  const sent = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${secret}` },
    data: { events: [{ id: `xss-${Date.now()}`, type: "output", workflow: "xss-check", cohort: "support-pilot", taskId: "X-1", outputKind: "draft", occurredAt: new Date().toISOString(), content: payload }] },
  });
  expect(await sent.json()).toMatchObject({ accepted: 1 });

  await page.goto("/review?workflow=xss-check");
  await expect(title(page)).toHaveText(payload.title);
  await expect(page.locator(".review-text")).toHaveText(payload.text);
  expect(await page.locator(".review-item img, .review-item script, .review-item b").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  const link = page.getByRole("link", { name: "Open the original (new tab)" });
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(link).toHaveAttribute("href", payload.link);
});
