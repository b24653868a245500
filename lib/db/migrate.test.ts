import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { migrate, readMigrations } from "./migrate";

describeEachDatabase("migrate", (database) => {
  it("records every migration in Prisma's table with Prisma's checksum, and applies nothing twice", async () => {
    const rows = await database().sql.query<{ migration_name: string; checksum: string }>(
      `SELECT "migration_name", "checksum" FROM "_prisma_migrations" ORDER BY "migration_name"`,
    );
    const committed = readMigrations(database().dialect);
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(committed.map((m) => [m.name, m.checksum]));
    expect(await migrate(database().sql)).toEqual([]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    await database().sql.execute(`UPDATE "_prisma_migrations" SET "checksum" = 'edited'`);
    await expect(migrate(database().sql)).rejects.toThrow(/changed after it was applied/);
  });
});
