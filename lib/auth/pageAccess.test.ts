// Pages find their rule from the path the proxy hands them; the path is read as a path, never as a URL.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { setAppDatabase } from "@/lib/db/database";
import { PATH_HEADER } from "./rules";

const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("notFound");
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const { pathOf, requirePage } = await import("./pageAccess");

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("sqlite");
  setAppDatabase(test.db);
});
afterAll(() => test.drop());

const visit = (path: string) => {
  request.headers = new Headers({ host: "localhost", [PATH_HEADER]: path });
  return requirePage();
};

describe("requirePage", () => {
  it.each([
    ["/scorecards/a/b?asOf=2026-11-18", "/scorecards/a/b"],
    ["/sign-in#top", "/sign-in"],
    ["//admin/sign-in?x=1", "//admin/sign-in"],
    ["/", "/"],
  ])("reads %s as the path %s", (header, path) => expect(pathOf(header)).toBe(path));

  it("finds the rule of the path asked for: a path that reads as another host's page is no page", async () => {
    // As a URL, "//admin/sign-in" is host "admin" with the path "/sign-in", the public sign-in page.
    await expect(visit("//admin/sign-in")).rejects.toThrow("notFound");
    await expect(visit("/sign-in?next=%2F")).resolves.toBeNull();
    await expect(visit("/admin/users?tab=1")).rejects.toThrow("redirect /sign-in?next=%2Fadmin%2Fusers%3Ftab%3D1");
  });
});
