// An admin's round trip: create an API key on the keys page (its secret shown once), use it, revoke it, and find
// both changes in the audit trail and its CSV export.
import { expect, request as playwrightRequest, test } from "@playwright/test";

const NO_COOKIES = { cookies: [], origins: [] };

test.use({ viewport: { width: 1440, height: 900 } });

test("an admin creates, uses and revokes an API key, and the audit trail shows who did it and the refused use", async ({ page, baseURL }, testInfo) => {
  const name = `e2e-agent-${Date.now()}`;
  await page.goto("/");
  await page.getByText("Administration", { exact: true }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /API keys/ })).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByRole("status", { name: `The secret of the new key "${name}"` });
  await expect(shown).toBeVisible();
  const secret = (await shown.locator("code").textContent())!;
  expect(secret).toMatch(/^tg_/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText(secret);

  const agent = await playwrightRequest.newContext({ baseURL, storageState: NO_COOKIES });
  const event = { id: `e2e-${name}`, type: "output", workflow: "ticket-triage", cohort: "support-pilot", taskId: "T-e2e", outputKind: "draft", occurredAt: new Date(Date.now() - 60_000).toISOString() };
  const accepted = await agent.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: { events: [event] } });
  expect(accepted.status()).toBe(200);

  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await agent.post("/api/v1/events", { headers: { authorization: `Bearer ${secret}` }, data: { events: [event] } });
  expect(refused.status()).toBe(401);
  await agent.dispose();

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit trail" }).click();
  await page.getByLabel("Target (exact)").fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`target=${name}`));
  const records = page.getByRole("table", { name: "Audit records, newest first" });
  await expect(records.locator("tbody tr")).toHaveCount(3);
  await expect(records.locator("tbody tr").filter({ hasText: "key.revoke" })).toContainText("admin@tollgate.demo");
  await expect(records.locator("tbody tr").filter({ hasText: "key.create" })).toContainText("admin@tollgate.demo");
  // The agent still using the revoked key is on record too, by the key's name.
  await expect(records.locator("tbody tr").filter({ hasText: "auth.key_refused" })).toContainText("revoked");
  await page.screenshot({ path: testInfo.outputPath("audit.png"), fullPage: true });

  const href = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv.split("\r\n")[0]).toMatch(/^seq,at,/);
  expect(csv).toContain("key.revoke");
  expect(csv).toContain(name);
});

test("an admin edits a readiness item on the scorecard, and the history shows the change", async ({ page }) => {
  await page.goto("/scorecards/meeting-followups/sales-pilot");
  const checklist = page.getByRole("table", { name: "Readiness checklist with owners and evidence" });
  const retention = checklist.getByRole("row", { name: /^Retention/ });
  await retention.getByText("Edit", { exact: true }).click();
  const form = page.getByRole("form", { name: "Edit Retention" });
  await form.getByLabel("Status").selectOption("in_progress");
  await form.getByLabel("Owner").fill("Records management");
  await form.getByLabel("Evidence").fill("Retention set to 400 days in Tollgate");
  await form.getByRole("button", { name: "Save Retention" }).click();
  await expect(retention).toContainText("In progress");
  await expect(retention).toContainText("Retention set to 400 days in Tollgate");
  await expect(retention).toContainText("admin@tollgate.demo");
});
