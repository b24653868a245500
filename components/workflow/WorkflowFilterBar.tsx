"use client";
// The filter bar of a workflow's pages: the cohort (on the trends page), the agent version and the date range,
// with "Updating…" while new figures load; then what the URL's filters got wrong, in words.
import type { WorkflowContext } from "@/lib/reports/workflowContext";
import type { WorkflowFilters } from "@/lib/ui/workflowFilters";
import { matchPreset, type PresetContext } from "@/lib/ui/windows";
import { plural } from "@/lib/ui/format";
import { PHASE_LABELS } from "@/lib/ui/labels";
import { DateRangePicker } from "@/components/filters/DateRangePicker";
import { SelectFilter } from "@/components/filters/SelectFilter";

export function WorkflowFilterBar({
  context,
  filters,
  presets,
  notices,
  fetching,
  withCohort,
  onChange,
}: {
  context: WorkflowContext;
  filters: WorkflowFilters;
  presets: PresetContext;
  notices: string[];
  fetching: boolean;
  withCohort: boolean;
  onChange: (changes: Partial<WorkflowFilters>) => void;
}) {
  return (
    <>
      <section className="card filter-bar" aria-label="Filters">
        {withCohort && (
          <SelectFilter
            label="Cohort"
            name="cohort"
            value={filters.cohort ?? ""}
            allLabel={`All cohorts (${context.rollouts.length})`}
            options={context.rollouts.map((r) => ({ value: r.cohort, label: `${r.cohortName} · ${PHASE_LABELS[r.phase]}` }))}
            // "Since rollout start" follows the chosen cohort's start, so it is re-read from the URL.
            onChange={(value) => onChange({ cohort: value || null })}
          />
        )}
        <SelectFilter
          label="Agent version"
          name="version"
          value={filters.agentVersion ?? ""}
          allLabel="All versions"
          options={context.agentVersions.map((v) => ({ value: v.version, label: `${v.version} (${plural(v.outputs, "output", "outputs")})` }))}
          onChange={(value) => onChange({ agentVersion: value || null })}
        />
        <DateRangePicker value={{ from: filters.from, to: filters.to }} context={presets} onChange={(w) => onChange({ ...w, range: matchPreset(w, presets) })} />
        <div className="filter-status" aria-live="polite">
          {fetching ? <span className="muted small">Updating…</span> : null}
        </div>
      </section>
      {notices.map((notice) => (
        <p key={notice} className="notice" role="status">
          {notice}
        </p>
      ))}
    </>
  );
}
