// The program's data sources (`sources` in program.json): which Microsoft 365 export a source reads and how its
// records map to workflows and cohorts; the directory's column mappings (`directory`); and the import request.
import { z } from "zod";
import { INPUT_FORMATS, OUTPUT_KINDS, SOURCE_TYPES, type SourceType } from "./vocabulary";
import { slug, storableText } from "./common";
import { isValidTimezone } from "@/lib/time";

const label = storableText().trim().min(1).max(256);

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
  })
  .superRefine((source, context) => {
    const problem = (path: PropertyKey[], message: string) => context.addIssue({ code: "custom", path, message });
    if ((source.workflow === undefined) === (source.workflows === undefined)) problem(["workflow"], "give either workflow (with outputKind) or workflows (rules), not both");
    if (source.workflow !== undefined && source.outputKind === undefined) problem(["outputKind"], "is needed with workflow");
    if (source.workflow === undefined && source.outputKind !== undefined) problem(["outputKind"], "goes with workflow; rules carry their own");
    if (source.incidents !== undefined && source.type !== "purview-audit") problem(["incidents"], "applies to purview-audit sources only");
    if (source.timezone !== undefined && source.type !== "copilot-studio-sessions") problem(["timezone"], "applies to copilot-studio-sessions sources only");
    if (source.type === "copilot-studio-sessions" && source.cohort === undefined) problem(["cohort"], "is needed: a sessions export names no user, so the directory cannot place them");
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
export type SourceRule = z.infer<typeof sourceRuleSchema>;
export type DirectoryMap = z.infer<typeof directoryMapSchema>;
