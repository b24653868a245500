// The filters of the workflow dashboards as they live in the URL, read the same way by the server's first paint and
// by the browser after a change: ?cohort=…&version=…&range=4w|12w|start or ?from=…&to=… (a custom window).
// Anything the contract refuses, or that names no cohort or version of the workflow, falls back to the default and
// is reported in words.
import { metricsQuery } from "@/lib/contract/query";
import { fieldErrors } from "@/lib/contract/common";
import { DEFAULT_PRESET, PRESETS, presetWindow, type DateWindow, type PresetContext, type PresetKey } from "./windows";

export interface FilterContext {
  workflow: string;
  today: string;
  rollouts: { cohort: string; startedAt: string | null }[];
  versions: string[];
}

export interface WorkflowFilters {
  cohort: string | null;
  agentVersion: string | null;
  /** The preset the window came from, or null for a custom window. */
  range: PresetKey | null;
  from: string;
  to: string;
}

type ParamSource = { get(name: string): string | null };

/** Reads ?a=b from a Next searchParams object or URLSearchParams alike. */
export function paramSource(params: URLSearchParams | Record<string, string | string[] | undefined>): ParamSource {
  if (params instanceof URLSearchParams) return params;
  return {
    get(name) {
      const value = params[name];
      return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
    },
  };
}

/** The start date a "since rollout start" window begins at: the cohort's rollout, or the workflow's earliest. */
function rolloutStartOf(context: FilterContext, cohort: string | null): string | null {
  const starts = context.rollouts
    .filter((r) => cohort === null || r.cohort === cohort)
    .map((r) => r.startedAt)
    .filter((s): s is string => s !== null)
    .sort();
  return starts[0] ?? null;
}

export function presetContextOf(context: FilterContext, cohort: string | null): PresetContext {
  return { today: context.today, rolloutStart: rolloutStartOf(context, cohort) };
}

export function readFilters(params: ParamSource, context: FilterContext): { filters: WorkflowFilters; notices: string[] } {
  const notices: string[] = [];
  const cohortParam = params.get("cohort") || null;
  const cohort = cohortParam && context.rollouts.some((r) => r.cohort === cohortParam) ? cohortParam : null;
  if (cohortParam && !cohort) notices.push(`"${cohortParam}" is not a cohort of this workflow; showing all cohorts.`);
  const versionParam = params.get("version") || null;
  const agentVersion = versionParam && context.versions.includes(versionParam) ? versionParam : null;
  if (versionParam && !agentVersion) notices.push(`No events name agent version "${versionParam}"; showing all versions.`);

  const presets = presetContextOf(context, cohort);
  const fallback = (): { range: PresetKey; window: DateWindow } => ({ range: DEFAULT_PRESET, window: presetWindow(DEFAULT_PRESET, presets)! });
  let range: PresetKey | null;
  let window: DateWindow;
  const from = params.get("from");
  const to = params.get("to");
  if (from || to) {
    const parsed = metricsQuery.safeParse({ workflow: context.workflow, from: from ?? "", to: to ?? "" });
    if (parsed.success) {
      range = null;
      window = { from: parsed.data.from, to: parsed.data.to };
    } else {
      notices.push(`The date range was not used (${fieldErrors(parsed.error).map((e) => `${e.path} ${e.message}`).join("; ")}).`);
      ({ range, window } = fallback());
    }
  } else {
    const rangeParam = params.get("range");
    const preset = PRESETS.find((p) => p.key === rangeParam)?.key ?? DEFAULT_PRESET;
    const presetRange = presetWindow(preset, presets);
    if (presetRange) {
      range = preset;
      window = presetRange;
    } else {
      if (rangeParam) notices.push("This rollout has no start date before the current week; showing the last 12 weeks.");
      ({ range, window } = fallback());
    }
  }
  return { filters: { cohort, agentVersion, range, from: window.from, to: window.to }, notices };
}

/** The URL query of a set of filters; the defaults are left out so links stay short. */
export function filtersQuery(filters: WorkflowFilters): string {
  const params = new URLSearchParams();
  if (filters.cohort) params.set("cohort", filters.cohort);
  if (filters.agentVersion) params.set("version", filters.agentVersion);
  if (filters.range === null) {
    params.set("from", filters.from);
    params.set("to", filters.to);
  } else if (filters.range !== DEFAULT_PRESET) {
    params.set("range", filters.range);
  }
  return params.toString();
}

/** The query string of GET /api/v1/metrics for these filters. */
export function metricsApiQuery(workflow: string, filters: WorkflowFilters, granularity: "week" | "total"): string {
  const params = new URLSearchParams({ workflow, from: filters.from, to: filters.to, granularity });
  if (filters.cohort) params.set("cohort", filters.cohort);
  if (filters.agentVersion) params.set("agentVersion", filters.agentVersion);
  return params.toString();
}

/** The filter context of a workflow's dashboards. */
export function filterContextOf(context: {
  workflow: { key: string };
  today: string;
  rollouts: { cohort: string; startedAt: string | null }[];
  agentVersions: { version: string }[];
}): FilterContext {
  return {
    workflow: context.workflow.key,
    today: context.today,
    rollouts: context.rollouts.map((r) => ({ cohort: r.cohort, startedAt: r.startedAt })),
    versions: context.agentVersions.map((v) => v.version),
  };
}
