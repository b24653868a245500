"use client";
// The filters of a workflow's pages, read from the URL (the server read the same ones for the first paint) and
// changed by pushing a new URL, so the back button restores the previous view. The cohorts page compares every
// cohort, so it reads and writes no cohort.
import { usePathname, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import type { WorkflowContext } from "@/lib/reports/workflowContext";
import { filterContextOf, filtersQuery, presetContextOf, readFilters, type WorkflowFilters } from "@/lib/ui/workflowFilters";

export function useWorkflowFilters(context: WorkflowContext, serverNotices: string[], { withCohort }: { withCohort: boolean }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const filterContext = useMemo(() => filterContextOf(context), [context]);
  const { filters, notices } = useMemo(
    () => readFilters(withCohort ? params : { get: (name) => (name === "cohort" ? null : params.get(name)) }, filterContext),
    [params, filterContext, withCohort],
  );
  const setFilters = (changes: Partial<WorkflowFilters>) => {
    const query = filtersQuery({ ...filters, ...changes, ...(withCohort ? {} : { cohort: null }) });
    window.history.pushState(null, "", query ? `${pathname}?${query}` : pathname);
  };
  return {
    filters,
    setFilters,
    /** What the URL's filters got wrong, in words; the server's until the browser reads the URL itself. */
    notices: notices.length ? notices : serverNotices,
    /** "Since rollout start" follows the chosen cohort's start. */
    presets: presetContextOf(filterContext, filters.cohort),
  };
}
