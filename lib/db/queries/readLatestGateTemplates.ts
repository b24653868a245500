import type { SqlExecutor } from "@/lib/db/sql";
import { gateTemplateSchema } from "@/lib/contract/program";
import type { StoredTemplate } from "@/lib/gates/template";

/** The newest version of every gate template (older versions stay stored for the decisions made on them). */
export async function readLatestGateTemplates(tx: SqlExecutor): Promise<StoredTemplate[]> {
  const rows = await tx.query<{ key: string; version: unknown; definition: string }>(
    `SELECT "key", "version", "definition" FROM "GateTemplate" ORDER BY "key" ASC, "version" DESC`,
  );
  const latest = new Map<string, StoredTemplate>();
  for (const row of rows) {
    if (!latest.has(row.key)) latest.set(row.key, { ...gateTemplateSchema.parse(JSON.parse(row.definition)), version: Number(row.version) });
  }
  return [...latest.values()];
}
