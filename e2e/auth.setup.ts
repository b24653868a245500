// Signs in as the demo admin (roles admin and board) once; the other tests start with its cookies.
import fs from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_DEMO_PASSWORD } from "../playwright.config";
import { DEMO_ADMIN } from "../lib/demo/program";

setup("sign in as the demo admin", async ({ request, baseURL }) => {
  const response = await request.post("/api/auth/sign-in", {
    headers: { origin: baseURL! },
    data: { email: DEMO_ADMIN, password: E2E_DEMO_PASSWORD },
  });
  expect(response.status()).toBe(200);
  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await request.storageState({ path: ADMIN_STATE });
});
