// Which gate template judges a rollout: the one leaving the rollout's phase whose tiers include the workflow's tier.
import type { GateTemplateInput } from "@/lib/contract/program";
import type { Phase, Tier } from "@/lib/contract/vocabulary";

/** A gate template as stored: every version is kept, and a scorecard names the version it evaluated. */
export interface StoredTemplate extends GateTemplateInput {
  version: number;
}

/**
 * The template for a rollout in `phase` of a `tier`-tier workflow: the most specific one (the fewest tiers) when
 * several apply, then the first by key; null when none leaves the phase for the tier.
 */
export function applicableTemplate<T extends GateTemplateInput>(templates: readonly T[], phase: Phase, tier: Tier): T | null {
  const candidates = templates
    .filter((t) => t.from === phase && t.tiers.includes(tier))
    .sort((a, b) => a.tiers.length - b.tiers.length || a.key.localeCompare(b.key));
  return candidates[0] ?? null;
}
