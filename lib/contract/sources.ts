// The program's data sources (`sources` in program.json): which Microsoft 365 export a source reads and how its
// records map to workflows and cohorts; the directory's column mappings (`directory`); and the import request.
import { z } from "zod";
import { INPUT_FORMATS, OUTPUT_KINDS, SOURCE_TYPES, type SourceType } from "./vocabulary";
import { slug, storableText } from "./common";
import { isValidTimezone } from "@/lib/time";

const label = storableText().trim().min(1).max(256);

const DURATION_UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "15m", "2h", "1d" in milliseconds; null when the text is not such a duration. */
export function durationMs(text: string): number | null {
  const match = /^(\d{1,4})([mhd])$/.exec(text.trim());
  return match ? Number(match[1]) * DURATION_UNITS[match[2] as keyof typeof DURATION_UNITS] : null;
}

const duration = (min: number, max: number, words: string) =>
  z.string().refine((text) => {
    const ms = durationMs(text);
    return ms !== null && ms >= min && ms <= max;
  }, { message: `must be a duration such as "15m", "2h" or "1d", ${words}` });

/** The Management Activity API keeps content seven days: a re-read window reaches no further back. */
export const PULL_TRAILING_MAX_MS = 7 * DURATION_UNITS.d;

/** `pull`: the source fetches its records itself (Management Activity API or Dataverse) at this interval. */
export const pullSchema = z.strictObject({
  every: duration(DURATION_UNITS.m, DURATION_UNITS.d, "from 1m to 1d"),
  /** Every run re-reads this much before its watermark, for records Microsoft writes late (default 24h). */
  trailing: duration(0, PULL_TRAILING_MAX_MS, "up to 7d").optional(),
});

/** The source types Microsoft serves through an API; the sessions export exists only as a download. */
export const PULLABLE_TYPES: readonly SourceType[] = ["purview-audit", "copilot-studio-transcripts"];

export const MATCH_FIELDS = ["agentId", "agentName", "appHost", "botId", "botName"] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** The record fields each source type can match on; a sessions export names no agent or bot. */
export const MATCH_FIELDS_OF: Record<SourceType, readonly MatchField[]> = {
  "purview-audit": ["agentId", "agentName", "appHost"],
  "copilot-studio-sessions": [],
  "copilot-studio-transcripts": ["botId", "botName"],
};

const sourceMatch = z
  .strictObject(Object.fromEntries(MATCH_FIELDS.map((name) => [name, label.optional()])) as Record<MatchField, z.ZodOptional<typeof label>>)
  .refine((match) => Object.values(match).some((value) => value !== undefined), { message: `must name at least one of ${MATCH_FIELDS.join(", ")}` });

export const sourceRuleSchema = z.strictObject({
  match: sourceMatch,
  workflow: slug,
  /** Fixes the cohort of what the rule matches; otherwise the directory decides. */
  cohort: slug.optional(),
  outputKind: z.enum(OUTPUT_KINDS),
});

export const sourceSchema = z
  .strictObject({
    key: slug,
    type: z.enum(SOURCE_TYPES),
    /** Everything the source reads goes to this workflow… */
    workflow: slug.optional(),
    outputKind: z.enum(OUTPUT_KINDS).optional(),
    /** …or to the workflow of the first rule that matches. */
    workflows: z.array(sourceRuleSchema).min(1).max(200).optional(),
    cohort: slug.optional(),
    /** Purview: jailbreak and cross-prompt injection detections become incidents. */
    incidents: z.boolean().optional(),
    /** Sessions: the zone StartDateTime is written in when it carries no offset. */
    timezone: z.string().refine(isValidTimezone, { message: "must be an IANA timezone such as Europe/Berlin or UTC" }).optional(),
    pull: pullSchema.optional(),
    /** Transcripts: the Dataverse environment the pull reads, e.g. https://contoso.crm4.dynamics.com. */
    dataverseUrl: z
      .url({ protocol: /^https?$/ })
      .max(512)
      .refine((url) => !new URL(url).search && !new URL(url).hash && !new URL(url).username, { message: "must be the environment's address alone, without query, fragment or credentials" })
      .optional(),
  })
  .superRefine((source, context) => {
    const problem = (path: PropertyKey[], message: string) => context.addIssue({ code: "custom", path, message });
    if ((source.workflow === undefined) === (source.workflows === undefined)) problem(["workflow"], "give either workflow (with outputKind) or workflows (rules), not both");
    if (source.workflow !== undefined && source.outputKind === undefined) problem(["outputKind"], "is needed with workflow");
    if (source.workflow === undefined && source.outputKind !== undefined) problem(["outputKind"], "goes with workflow; rules carry their own");
    if (source.incidents !== undefined && source.type !== "purview-audit") problem(["incidents"], "applies to purview-audit sources only");
    if (source.timezone !== undefined && source.type !== "copilot-studio-sessions") problem(["timezone"], "applies to copilot-studio-sessions sources only");
    if (source.type === "copilot-studio-sessions" && source.cohort === undefined) problem(["cohort"], "is needed: a sessions export names no user, so the directory cannot place them");
    if (source.pull !== undefined && !PULLABLE_TYPES.includes(source.type)) problem(["pull"], `applies to ${PULLABLE_TYPES.join(" and ")} sources; a sessions export exists only as a download`);
    if (source.dataverseUrl !== undefined && source.type !== "copilot-studio-transcripts") problem(["dataverseUrl"], "applies to copilot-studio-transcripts sources only");
    if (source.pull !== undefined && source.type === "copilot-studio-transcripts" && source.dataverseUrl === undefined) problem(["dataverseUrl"], "is needed to pull transcripts: the Dataverse environment's address");
    const allowed = MATCH_FIELDS_OF[source.type];
    source.workflows?.forEach((rule, i) => {
      for (const name of MATCH_FIELDS) {
        if (rule.match[name] === undefined || allowed.includes(name)) continue;
        const instead = allowed.length ? `match on ${allowed.join(", ")}` : "give the source a workflow";
        problem(["workflows", i, "match", name], `${source.type} records have no ${name}; ${instead}`);
      }
    });
  });

/** `directory`: for a column of the people CSV, which value puts a person in which cohort. */
export const directoryMapSchema = z.record(z.string().trim().min(1).max(128), z.record(z.string().max(256), slug));

/** An export file sent to POST /api/v1/imports; it is streamed, so the limit only stops runaway uploads. */
export const MAX_IMPORT_BYTES = 4 * 1024 ** 3;

export const importQuery = z.strictObject({
  source: slug,
  dryRun: z.enum(["0", "1", "true", "false"]).optional().transform((value) => value === "1" || value === "true"),
  format: z.enum(INPUT_FORMATS).optional(),
  fileName: storableText().trim().min(1).max(255).optional(),
});

export type SourceInput = z.infer<typeof sourceSchema>;
export type DirectoryMap = z.infer<typeof directoryMapSchema>;
