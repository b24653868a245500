// Generates one Prisma schema per dialect from prisma/model.prisma, the single model definition, and runs
// `prisma generate` for each. The dialect schemas are committed so reviews and `migrate diff` can read them;
// a test checks they equal what this module generates.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import type { Dialect } from "./dialect";

export const DIALECTS: readonly Dialect[] = ["sqlite", "postgres"];
export const MODEL_FILE = "prisma/model.prisma";

/** A URL the Prisma CLI accepts for the dialect; CLI commands that only read schemas never connect to it. */
export const PLACEHOLDER_URL: Record<Dialect, string> = {
  sqlite: "file:./data/tollgate.db",
  postgres: process.env.TOLLGATE_MIGRATION_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
};

export function schemaPath(dialect: Dialect): string {
  return `prisma/${dialect}/schema.prisma`;
}

export function migrationsDir(dialect: Dialect): string {
  return `prisma/${dialect}/migrations`;
}

export function renderSchema(dialect: Dialect, model: string): string {
  const provider = dialect === "sqlite" ? "sqlite" : "postgresql";
  return `// Generated from prisma/model.prisma by \`tollgate db generate\`. Do not edit.
datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

generator client {
  provider     = "prisma-client"
  output       = "../../lib/db/generated/${dialect}"
  engineType   = "client"
  runtime      = "nodejs"
  moduleFormat = "esm"
}

${model.trim()}
`;
}

export function writeSchemas(root = process.cwd()): void {
  const model = fs.readFileSync(path.join(root, MODEL_FILE), "utf8");
  for (const dialect of DIALECTS) {
    const file = path.join(root, schemaPath(dialect));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = renderSchema(dialect, model);
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
  }
}

export function prismaCli(dialect: Dialect, args: string[], root = process.cwd()): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: PLACEHOLDER_URL[dialect], CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function generateClients(root = process.cwd()): void {
  writeSchemas(root);
  for (const dialect of DIALECTS) prismaCli(dialect, ["generate", "--schema", schemaPath(dialect)], root);
}

/**
 * Each migration folder keeps the dialect schema it leads to (schema.prisma beside migration.sql). A new migration
 * is the diff from the newest of those snapshots to the current schema, which needs no database and no shadow
 * database (the offline WebAssembly engine cannot build one from migration history).
 */
function latestSnapshot(dialect: Dialect, root: string): string | null {
  const dir = path.join(root, migrationsDir(dialect));
  if (!fs.existsSync(dir)) return null;
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const last = names.at(-1);
  return last ? path.join(dir, last, "schema.prisma") : null;
}

/** Lists what is out of date: dialect schemas not matching the model, or a model change without a migration. */
export function schemaDrift(root = process.cwd()): string[] {
  const model = fs.readFileSync(path.join(root, MODEL_FILE), "utf8");
  const problems: string[] = [];
  for (const dialect of DIALECTS) {
    const expected = renderSchema(dialect, model);
    const file = path.join(root, schemaPath(dialect));
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== expected) {
      problems.push(`${schemaPath(dialect)} does not match ${MODEL_FILE}: run \`npx tollgate db generate\``);
    }
    const snapshot = latestSnapshot(dialect, root);
    if (!snapshot || fs.readFileSync(snapshot, "utf8") !== expected) {
      problems.push(`${MODEL_FILE} changed without a ${dialect} migration: run \`npx tollgate db migration NAME\``);
    }
  }
  return problems;
}

/** Writes a migration for both dialects from the newest snapshot to the current model; returns the folder name. */
export function createMigration(name: string, root = process.cwd(), now = new Date()): string | null {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("Migration names use lowercase letters, digits and underscores.");
  generateClients(root);
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = `${stamp}_${name}`;
  const scripts = DIALECTS.map((dialect) => {
    const snapshot = latestSnapshot(dialect, root);
    const from = snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
    const sql = prismaCli(dialect, ["migrate", "diff", ...from, "--to-schema-datamodel", schemaPath(dialect), "--script"], root);
    return { dialect, sql };
  });
  if (scripts.every(({ sql }) => !/^\s*(CREATE|ALTER|DROP|PRAGMA|INSERT)/im.test(sql))) return null;
  for (const { dialect, sql } of scripts) {
    const dir = path.join(root, migrationsDir(dialect), folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    fs.copyFileSync(path.join(root, schemaPath(dialect)), path.join(dir, "schema.prisma"));
  }
  return folder;
}
