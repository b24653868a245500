// An admin on Administration → Alerts: the demo's channels (one configured, one whose variables are unset), a test
// sent through Teams to a local receiver and one that cannot go, and a channel added by naming its variables.
import { expect, test } from "@playwright/test";
import { startHttpReceiver, type HttpReceiver } from "../lib/testing/receivers";
import { E2E_RECEIVER_PORT } from "../playwright.config";

test.use({ viewport: { width: 1440, height: 900 } });

let receiver: HttpReceiver;
test.beforeAll(async () => {
  receiver = await startHttpReceiver(E2E_RECEIVER_PORT);
});
test.afterAll(async () => {
  await receiver.close();
});

test("an admin sees the channels, sends a test through each, and adds a channel without ever seeing a secret", async ({ page }) => {
  await page.goto("/admin/alerts");
  await expect(page.getByRole("heading", { level: 1, name: "Alerts" })).toBeVisible();
  const channels = page.getByRole("table", { name: "Alert channels" });
  const teams = channels.getByRole("row", { name: /ops-teams/ });
  const siem = channels.getByRole("row", { name: /siem/ });
  await expect(teams).toContainText("Configured");
  await expect(teams).toContainText("the URL in DEMO_TEAMS_URL");
  await expect(siem).toContainText("Not configured");
  await expect(siem).toContainText("DEMO_SIEM_URL and DEMO_SIEM_SECRET are not set");
  await expect(page.getByText(`127.0.0.1:${E2E_RECEIVER_PORT}`)).toHaveCount(0);

  await teams.getByRole("button", { name: "Send a test to ops-teams" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The test reached ops-teams (answer 200)." })).toBeVisible();
  const received = receiver.requests.filter((r) => r.path === "/teams");
  expect(received).toHaveLength(1);
  const card = JSON.parse(received[0]!.body);
  expect(card.attachments[0].content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });

  await siem.getByRole("button", { name: "Send a test to siem" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The test did not reach siem: not configured" })).toBeVisible();
  const history = page.getByRole("table", { name: "Alerts and their delivery attempts" });
  await expect(history.getByRole("row").filter({ hasText: "ops-teams" }).first()).toContainText("Delivered");
  await expect(history.getByRole("row").filter({ hasText: "siem" }).first()).toContainText("Failed");

  // Pasting the URL itself where the variable's name belongs is refused without repeating it.
  const form = page.getByRole("region", { name: "Add a channel" });
  await form.getByLabel("Key").fill("ops-slack");
  await form.getByLabel("Type").selectOption({ label: "Slack" });
  await form.getByLabel("URL variable").fill("https://hooks.slack.com/services/T0/B0/SECRETPART");
  await form.getByRole("button", { name: "Save channel" }).click();
  await expect(form.getByText("must be the name of an environment variable")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("SECRETPART");
  await form.getByLabel("URL variable").fill("SLACK_OPS_URL");
  await form.getByRole("button", { name: "Save channel" }).click();
  await expect(channels.getByRole("row", { name: /ops-slack/ })).toContainText("SLACK_OPS_URL is not set");
});
