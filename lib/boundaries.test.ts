// The boundaries of the house as eslint.config.mjs keeps them: each rule refuses what crosses its boundary (with its
// own message) and lets through what the house allows, so a loosened or mistyped pattern fails here.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

/** The boundary rules' messages for `code` linted as the file at `file` (which need not exist). */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

const PURE = "lib/metrics and lib/gates are pure";
const CONTRACT = "lib/contract is the bottom of the house";
const HANDLE = "only the handle (@/lib/db/database) is theirs";
const PRISMA = "Only lib/db uses Prisma";
const PRISMA_CALL = "Only lib/db calls Prisma";
const AUTH_TO_API = "lib/api builds on lib/auth";
const CALENDAR = "lib/time's calendar (index.ts) is pure";

const refused: [file: string, code: string, rule: string][] = [
  ["lib/metrics/x.ts", `import { appDatabase } from "@/lib/db/database";`, PURE],
  ["lib/metrics/x.ts", `import { openSqlDriver } from "../db/sql";`, PURE],
  ["lib/metrics/x.ts", `import { openSqlDriver } from "./../db/sql";`, PURE],
  ["lib/metrics/x.ts", `import fs from "node:fs";`, PURE],
  ["lib/metrics/x.ts", `import { PrismaClient } from "@prisma/client";`, PURE],
  ["lib/gates/x.ts", `import { metricsReport } from "@/lib/reports/metricsReport";`, PURE],
  ["lib/gates/x.ts", `import { installationTimezone } from "@/lib/time/installation";`, PURE],
  ["lib/gates/x.ts", `import { NextResponse } from "next/server";`, PURE],
  ["lib/gates/x.ts", `import type { Role } from "../auth/rules";`, PURE],
  ["lib/contract/x.ts", `import { matchRule } from "@/lib/auth/rules";`, CONTRACT],
  ["lib/contract/x.ts", `import { matchRule } from "../auth/rules";`, CONTRACT],
  ["lib/contract/x.ts", `import { parseParams } from "@/lib/api/parse";`, CONTRACT],
  ["lib/contract/x.ts", `import type { Database } from "@/lib/db/database";`, CONTRACT],
  ["lib/contract/x.ts", `import { UserFacingError } from "@/lib/errors";`, CONTRACT],
  ["lib/time/index.ts", `import { installationSettings } from "@/lib/db/settings";`, CALENDAR],
  ["lib/time/index.ts", `import { slug } from "../contract/common";`, CALENDAR],
  ["app/x/page.tsx", `import { listRollouts } from "@/lib/db/queries/listRollouts";`, HANDLE],
  ["app/x/page.tsx", `import { installationSettings } from "@/lib/db/settings";`, HANDLE],
  ["app/api/x/route.ts", `import { openSqlDriver } from "../../../lib/db/sql";`, HANDLE],
  ["app/api/x/route.ts", `import { Prisma } from "@prisma/client";`, PRISMA],
  ["components/x.tsx", `import type { RolloutRow } from "@/lib/db/queries/listRollouts";`, HANDLE],
  ["lib/reports/x.ts", `import { PrismaClient } from "@prisma/client";`, PRISMA],
  ["lib/reports/x.ts", `import { PrismaPg } from "@prisma/adapter-pg";`, PRISMA],
  ["lib/reports/x.ts", `import { PrismaClient } from "@/lib/db/generated/sqlite/client";`, PRISMA],
  ["lib/reports/x.ts", `import type { PrismaDb } from "../db/prisma";`, PRISMA],
  ["bench/x.ts", `import { defineConfig } from "prisma/config";`, PRISMA],
  ["lib/auth/x.ts", `import { PrismaClient } from "@prisma/client";`, PRISMA],
  ["lib/auth/x.ts", `import { withAuth } from "@/lib/api/withAuth";`, AUTH_TO_API],
  ["lib/auth/x.ts", `import { parseJsonBody } from "../api/parse";`, AUTH_TO_API],
  ["lib/reports/x.ts", `export const users = (db) => db.prisma.user.count();`, PRISMA_CALL],
  ["app/x/page.tsx", `export const users = (db) => db.prisma.user.count();`, PRISMA_CALL],
  ["lib/auth/rules.ts", `export const users = (db) => db.prisma.user.count();`, PRISMA_CALL],
  ["lib/retention/retention.ts", `export const users = (db) => db.prisma.user.count();`, PRISMA_CALL],
  ["lib/ingest/ingestBatch.ts", `export const users = (db) => db.prisma.user.count();`, PRISMA_CALL],
  ["lib/audit/audit.ts", `import type { PrismaDb } from "@/lib/db/prisma";`, PRISMA],
  ["lib/auth/users.ts", `export const users = (db) => db.prisma.user.count();`, PRISMA_CALL],
];

const allowed: [file: string, code: string][] = [
  ["lib/metrics/x.ts", `import { wilson } from "./wilson";\nimport { z } from "zod";\nimport { describe } from "vitest";`],
  ["lib/metrics/x.ts", `import { PHASES } from "../contract/vocabulary";\nimport { mulberry32 } from "../random";\nimport { localDay } from "../time";`],
  ["lib/gates/x.ts", `import { wilson } from "@/lib/metrics/wilson";\nimport { localDay } from "@/lib/time";\nimport { mulberry32 } from "@/lib/random";`],
  ["lib/gates/x.ts", `import { format } from "date-fns";\nimport { TZDate } from "@date-fns/tz";\nimport type { Program } from "@/lib/contract/program";`],
  ["lib/contract/x.ts", `import { slug } from "./common";\nimport { daysBetween } from "@/lib/time";\nimport { z } from "zod";`],
  ["lib/time/index.ts", `import { format } from "date-fns";\nimport { TZDate } from "@date-fns/tz";\nimport { UTCDate } from "@date-fns/utc";`],
  ["lib/time/installation.ts", `import { installationSettings } from "@/lib/db/settings";`],
  ["app/x/page.tsx", `import { appDatabase } from "@/lib/db/database";\nimport { listWorkflowOptions } from "@/lib/reports/registry";`],
  ["lib/db/queries/x.ts", `import { Prisma } from "@prisma/client";\nexport const users = (db) => db.prisma.user.count();`],
  ["lib/auth/x.ts", `import { isHttps } from "@/lib/http";\nimport { ApiError } from "@/lib/errors";\nimport { ROLES } from "@/lib/contract/vocabulary";`],
  ["lib/reports/x.ts", `import { inTransaction } from "@/lib/db/transaction";\nexport const read = (db) => db.sql.read(async () => 1);`],
  ["lib/reports/x.test.ts", `export const users = (db) => db.prisma.user.count();`],
  ["prisma.config.ts", `import { defineConfig } from "prisma/config";\nimport { PrismaPg } from "@prisma/adapter-pg";`],
  // Test helpers read what the code under test stored, like tests.
  ["lib/testing/x.ts", `export const users = (db) => db.prisma.user.count();`],
];

describe("the lint rules that keep the house's boundaries", () => {
  it.each(refused)("refuses in %s: %s", async (file, code, rule) => {
    const messages = await refusals(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(rule);
  });

  it.each(allowed)("allows in %s: %s", async (file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});
