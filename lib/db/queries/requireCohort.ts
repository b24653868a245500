import type { SqlExecutor } from "@/lib/db/sql";
import { InvalidParameterError } from "@/lib/errors";

interface CohortRow {
  key: string;
  name: string;
  department: string;
  size: number | null;
}

/** The cohort with the key; a request naming a cohort the registry does not have is refused. */
export async function requireCohort(tx: SqlExecutor, key: string): Promise<CohortRow> {
  const [row] = await tx.query<CohortRow>(`SELECT "key", "name", "department", "size" FROM "Cohort" WHERE "key" = ?`, [key]);
  if (!row) throw new InvalidParameterError("cohort", `unknown cohort "${key}"`);
  return { ...row, size: row.size === null ? null : Number(row.size) };
}
