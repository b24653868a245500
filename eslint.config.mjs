import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The boundaries of the house (README, "Map of the code"), kept by no-restricted-imports. A later block's options for
// a rule replace an earlier block's, so each folder's block lists every pattern that applies to it.
// lib/boundaries.test.ts proves each pattern refuses what it should.

const CODE = ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"];

/** Prisma's client, its driver adapters, its CLI and the generated clients (with lib/db/prisma.ts, which wraps them). */
const PRISMA = {
  regex: "^@prisma/|^prisma(/|$)|(^|/)db/(generated|prisma)(/|$)",
  message: "Only lib/db uses Prisma: call a named function of lib/db/queries (or lib/db/transaction's inTransaction).",
};

/** app/ and components/ may hold the database handle and pass it to lib functions, never reach past it. */
const DB_PAST_THE_HANDLE = {
  regex: "(^|/)lib/db/(?!database$)",
  message: "app/ and components/ call lib functions (lib/reports, lib/scorecards, lib/auth, lib/time/installation…), not lib/db; only the handle (@/lib/db/database) is theirs.",
};

const AUTH_TO_API = {
  regex: "(^|/)lib/api/|^\\.\\./api/",
  message: "lib/api builds on lib/auth, never the other way: shared HTTP helpers live in lib/http, user-facing errors in lib/errors.",
};

/** A pattern refusing every import but those listed: regular expressions, each matched against the whole specifier. */
const onlyImports = (allowed, message) => ({ regex: `^(?!(?:${allowed.join("|")})$)`, message });

/** `./name` or `./folder/name`, never leaving the folder. */
const SAME_FOLDER = "\\./(?:[^./][^/]*/)*[^./][^/]*";
const TEST_TOOLS = ["vitest", "fast-check"];

const PURE = onlyImports(
  [
    SAME_FOLDER,
    "(?:@/lib|\\.\\.)/(?:metrics|gates|contract)/[^./][^/]*",
    "(?:@/lib|\\.\\.)/(?:time|random)",
    "zod",
    "date-fns",
    "@date-fns/(?:tz|utc)",
    ...TEST_TOOLS,
  ],
  "lib/metrics and lib/gates are pure: they import only each other, lib/contract, lib/time (its index, not installation) and lib/random.",
);

const CONTRACT = onlyImports(
  [SAME_FOLDER, "@/lib/contract/[^.]+", "@/lib/time", "zod", ...TEST_TOOLS],
  "lib/contract is the bottom of the house: it imports only other contract files, lib/time's pure calendar and zod.",
);

const CALENDAR = onlyImports(
  ["date-fns(?:/[A-Za-z]+)?", "@date-fns/(?:tz|utc)"],
  "lib/time's calendar (index.ts) is pure and imports nothing of Tollgate's; lib/db builds on it, and only lib/time/installation.ts reads the stored zone through lib/db.",
);

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { dropped: _dropped, ...rest } = value` is how a field is left out of a copy.
      "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, varsIgnorePattern: "^_", argsIgnorePattern: "^_" }],
    },
  },
  {
    files: CODE,
    // prisma.config.ts is the Prisma CLI's own configuration, at the root where the CLI looks for it.
    ignores: ["lib/db/**", "prisma.config.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [PRISMA] }] },
  },
  {
    files: CODE,
    // Tests, their helpers and drills read the database directly to check what the code under test stored.
    ignores: ["lib/db/**", "**/*.test.ts", "lib/testing/**", "drills/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[property.name='prisma']", message: "Only lib/db calls Prisma: add a named function to lib/db/queries." },
      ],
    },
  },
  { files: ["app/**", "components/**"], rules: { "no-restricted-imports": ["error", { patterns: [PRISMA, DB_PAST_THE_HANDLE] }] } },
  { files: ["lib/metrics/**", "lib/gates/**"], rules: { "no-restricted-imports": ["error", { patterns: [PURE] }] } },
  { files: ["lib/contract/**"], rules: { "no-restricted-imports": ["error", { patterns: [CONTRACT] }] } },
  { files: ["lib/time/index.ts"], rules: { "no-restricted-imports": ["error", { patterns: [CALENDAR] }] } },
  { files: ["lib/auth/**"], rules: { "no-restricted-imports": ["error", { patterns: [PRISMA, AUTH_TO_API] }] } },
  globalIgnores(["tmp/**", "data/**", ".next/**", "lib/db/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
