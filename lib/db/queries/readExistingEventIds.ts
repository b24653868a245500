import type { SqlExecutor } from "@/lib/db/sql";

/** Which of these events of a workflow are stored already (so an import can say "N new, M already imported"). */
export async function readExistingEventIds(tx: SqlExecutor, workflow: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const slice = ids.slice(start, start + 500);
    const rows = await tx.query<{ id: string }>(
      `SELECT "id" FROM "Event" WHERE "workflow" = ? AND "id" IN (${slice.map(() => "?").join(", ")})`,
      [workflow, ...slice],
    );
    for (const row of rows) found.add(row.id);
  }
  return found;
}
