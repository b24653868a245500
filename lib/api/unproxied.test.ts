// The routes proxy.ts leaves alone answer the methods they do not serve themselves: a 405 in the API's error shape
// with Allow and the security headers, where Next.js's own 405 would carry neither.
import { describe, expect, it } from "vitest";
import * as events from "@/app/api/v1/events/route";
import * as imports from "@/app/api/v1/imports/route";

describe("methods a proxy-free route does not serve", () => {
  const cases = [
    { path: "/api/v1/events", route: events as Record<string, unknown>, refused: ["GET", "PUT", "PATCH", "DELETE"], allow: "POST" },
    { path: "/api/v1/imports", route: imports as Record<string, unknown>, refused: ["PUT", "PATCH", "DELETE"], allow: "GET, POST" },
  ];
  for (const { path, route, refused, allow } of cases) {
    it(`${path}: ${refused.join(", ")} answer 405 with Allow: ${allow} and the security headers`, async () => {
      for (const method of refused) {
        const handler = route[method] as (request: Request, context: unknown) => Promise<Response>;
        const response = await handler(new Request(`http://localhost${path}`, { method }), { params: Promise.resolve({}) });
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe(allow);
        expect(response.headers.get("x-content-type-options")).toBe("nosniff");
        expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
      }
    });
  }
});
