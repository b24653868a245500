"use client";
// One tile per verdict with how many rollouts reached it; pressing a tile keeps only those rollouts.
import { NO_GATE_LABEL, VERDICT_LABELS } from "@/lib/ui/labels";
import { VERDICT_KEYS, type VerdictKey } from "@/lib/ui/portfolioFilters";
import { VERDICT_ICONS } from "@/components/ui/Badges";
import { DashIcon } from "@/components/ui/icons";

export const VERDICT_FILTER_LABELS: Record<VerdictKey, string> = { ...VERDICT_LABELS, none: NO_GATE_LABEL };
const ICONS = { ...VERDICT_ICONS, none: DashIcon };

export function VerdictTiles({
  counts,
  selected,
  onSelect,
}: {
  counts: Record<VerdictKey, number>;
  selected: string;
  onSelect: (verdict: VerdictKey | null) => void;
}) {
  return (
    <section aria-label="Verdicts" className="verdict-summary">
      {VERDICT_KEYS.map((key) => {
        const Icon = ICONS[key];
        return (
          <button
            key={key}
            type="button"
            className={`verdict-tile tile-${key}`}
            aria-pressed={selected === key}
            onClick={() => onSelect(selected === key ? null : key)}
          >
            <span className="verdict-tile-label">
              <Icon size={14} />
              {VERDICT_FILTER_LABELS[key]}
            </span>
            <span className="verdict-tile-count">{counts[key]}</span>
            <span className="visually-hidden">{counts[key] === 1 ? "rollout" : "rollouts"}; show only these</span>
          </button>
        );
      })}
    </section>
  );
}
