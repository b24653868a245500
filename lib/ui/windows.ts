// The date-range presets of the dashboards. Windows are local days [from, to) in the installation timezone and end
// where the current week begins, so every weekly point is a finished week, as on the scorecards.
import { MAX_WINDOW_DAYS } from "@/lib/contract/query";
import { addDays, daysBetween, weekStart } from "@/lib/time";

export interface DateWindow {
  from: string;
  to: string;
}

export const PRESETS = [
  { key: "4w", label: "Last 4 weeks" },
  { key: "12w", label: "Last 12 weeks" },
  { key: "start", label: "Since rollout start" },
] as const;
export type PresetKey = (typeof PRESETS)[number]["key"];

export interface PresetContext {
  /** Today in the installation timezone (YYYY-MM-DD). */
  today: string;
  /** The rollout's start date, or the earliest of the workflow's rollouts; null when none is recorded. */
  rolloutStart: string | null;
}

/** The Monday of the current week: the exclusive end of every preset. */
function finishedWeeksEnd(today: string): string {
  return weekStart(today);
}

/** The last `weeks` finished weeks. */
function lastWeeks(today: string, weeks: number): DateWindow {
  const to = finishedWeeksEnd(today);
  return { from: addDays(to, -7 * weeks), to };
}

/** A preset's window; null when it does not apply (no start date, or a rollout that started this week). */
export function presetWindow(preset: PresetKey, context: PresetContext): DateWindow | null {
  if (preset === "4w") return lastWeeks(context.today, 4);
  if (preset === "12w") return lastWeeks(context.today, 12);
  const to = finishedWeeksEnd(context.today);
  if (!context.rolloutStart || context.rolloutStart >= to) return null;
  const from = daysBetween(context.rolloutStart, to) > MAX_WINDOW_DAYS ? addDays(to, -MAX_WINDOW_DAYS) : context.rolloutStart;
  return { from, to };
}

/** Which preset, if any, a window is. */
export function matchPreset(window: DateWindow, context: PresetContext): PresetKey | null {
  for (const { key } of PRESETS) {
    const candidate = presetWindow(key, context);
    if (candidate && candidate.from === window.from && candidate.to === window.to) return key;
  }
  return null;
}

export const DEFAULT_PRESET: PresetKey = "12w";
