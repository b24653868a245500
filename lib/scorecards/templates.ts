// Gate templates as stored: every version is kept; a scorecard evaluates the newest version and names it.
import type { Database } from "@/lib/db/database";
import { gateTemplateSchema, type GateTemplateInput } from "@/lib/contract/program";
import type { Phase, Tier } from "@/lib/contract/vocabulary";
import { InvalidParameterError } from "@/lib/errors";

export interface StoredTemplate extends GateTemplateInput {
  version: number;
}

export async function latestTemplates(db: Database): Promise<StoredTemplate[]> {
  const rows = await db.prisma.gateTemplate.findMany({ orderBy: [{ key: "asc" }, { version: "desc" }] });
  const latest = new Map<string, StoredTemplate>();
  for (const row of rows) {
    if (!latest.has(row.key)) latest.set(row.key, { ...gateTemplateSchema.parse(JSON.parse(row.definition)), version: row.version });
  }
  return [...latest.values()];
}

/**
 * The template a rollout is judged by: the named one, or the one leaving the rollout's phase whose tiers include
 * the workflow's tier (the most specific, i.e. the fewest tiers, when several do).
 */
export async function chooseTemplate(db: Database, phase: Phase, tier: Tier, named?: string): Promise<StoredTemplate> {
  const templates = await latestTemplates(db);
  if (named) {
    const template = templates.find((t) => t.key === named);
    if (!template) throw new InvalidParameterError("template", `unknown gate template "${named}"`);
    return template;
  }
  const candidates = templates
    .filter((t) => t.from === phase && t.tiers.includes(tier))
    .sort((a, b) => a.tiers.length - b.tiers.length || a.key.localeCompare(b.key));
  if (!candidates[0]) {
    throw new InvalidParameterError(
      "template",
      `no gate template leaves the ${phase} phase for ${tier}-tier workflows; add one to the program or name one with template=`,
    );
  }
  return candidates[0];
}
