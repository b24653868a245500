import { isSqlExecutor, type Writer } from "@/lib/db/writer";

/** The applied alert rules' JSON definitions, in order, read in the caller's transaction. */
export async function readAlertRules(tx: Writer): Promise<string[]> {
  if (isSqlExecutor(tx)) {
    const rows = await tx.query<{ definition: string }>(`SELECT "definition" FROM "AlertRule" ORDER BY "position"`);
    return rows.map((row) => row.definition);
  }
  const rows = await tx.alertRule.findMany({ orderBy: { position: "asc" }, select: { definition: true } });
  return rows.map((row) => row.definition);
}
