// Query-string contracts of the read API. Every parameter error names the parameter.
import { z } from "zod";
import { GRANULARITIES, daysBetween } from "@/lib/time";
import { localDate, slug, storableText } from "./common";

/** The longest window a query may ask for, so a single request cannot ask for years of daily points. */
export const MAX_WINDOW_DAYS = 800;

const window = {
  from: localDate,
  to: localDate,
};

function checkWindow(query: { from: string; to: string }, context: z.RefinementCtx) {
  if (query.to <= query.from) {
    context.addIssue({ code: "custom", path: ["to"], message: "must be a later date than from (the window is [from, to))" });
  } else if (daysBetween(query.from, query.to) > MAX_WINDOW_DAYS) {
    context.addIssue({ code: "custom", path: ["to"], message: `the window may span at most ${MAX_WINDOW_DAYS} days` });
  }
}

export const metricsQuery = z
  .strictObject({
    workflow: slug,
    cohort: slug.optional(),
    ...window,
    granularity: z.enum(GRANULARITIES).default("week"),
    agentVersion: storableText().min(1).max(64).optional(),
  })
  .superRefine(checkWindow);
export type MetricsQuery = z.infer<typeof metricsQuery>;

export const cohortsQuery = z
  .strictObject({
    workflow: slug,
    ...window,
    agentVersion: storableText().min(1).max(64).optional(),
  })
  .superRefine(checkWindow);
export type CohortsQuery = z.infer<typeof cohortsQuery>;

export const EXPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const weeklyExportQuery = z
  .strictObject({
    week: z.string().min(1).max(16),
    format: z.enum(EXPORT_FORMATS).default("csv"),
    /** Only this rollout (both or neither): a scorecard's own export. */
    workflow: slug.optional(),
    cohort: slug.optional(),
  })
  .refine((q) => (q.workflow === undefined) === (q.cohort === undefined), { path: ["cohort"], message: "give workflow and cohort together" });
export type WeeklyExportQuery = z.infer<typeof weeklyExportQuery>;
