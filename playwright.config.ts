import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The demo admin's password for the tests (the demo prints a random one otherwise). */
export const E2E_DEMO_PASSWORD = "e2e-demo-password-1";
/** The port of the webhook receiver e2e/alerts.spec.ts starts (the demo's Teams channel points there): away from the
 * other e2e ports, which parallel runs on one machine take side by side. */
export const E2E_RECEIVER_PORT = PORT + 1000;
/** Where the setup project keeps the signed-in demo admin's cookies for the other tests. */
export const ADMIN_STATE = "tmp/e2e-auth/admin.json";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", dependencies: ["sign-in"], use: { storageState: ADMIN_STATE } },
  ],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's chromium: Playwright cannot download its own browsers on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    // The real start path (migrate, seed the demo, build when stale, serve) against a throwaway database.
    command: `rm -rf tmp/e2e && node bin/tollgate.mjs start --port ${PORT}`,
    env: {
      DATABASE_URL: "file:./tmp/e2e/tollgate.db",
      TOLLGATE_TIMEZONE: "Europe/Berlin",
      NEXT_TELEMETRY_DISABLED: "1",
      TOLLGATE_DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      // The demo's Teams channel sends to the alerts spec's local receiver (the webhook channel stays unset).
      DEMO_TEAMS_URL: `http://127.0.0.1:${E2E_RECEIVER_PORT}/teams`,
      TOLLGATE_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${E2E_RECEIVER_PORT}`,
    },
    url: `http://localhost:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5000 },
  },
});
