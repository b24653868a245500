// Prisma CLI configuration. Prisma 6.19 runs its schema engine as WebAssembly through a driver adapter, which is
// what lets `prisma generate` and `prisma migrate diff` work offline. The dialect follows DATABASE_URL.
import fs from "node:fs";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// A config file turns off Prisma's own .env loading.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.DATABASE_URL ??= "file:./data/tollgate.db";
const url = process.env.DATABASE_URL;
const postgres = /^postgres(ql)?:\/\//i.test(url);

export default defineConfig({
  schema: postgres ? "prisma/postgres/schema.prisma" : "prisma/sqlite/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => (postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url })),
});
