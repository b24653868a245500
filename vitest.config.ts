import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "clients/**/*.test.ts", "bench/**/*.test.ts"],
    environment: "node",
    // Database suites create their own throwaway SQLite files and Postgres databases, so files may run in parallel.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
