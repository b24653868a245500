// The API's operations, one entry each: what lib/openapi/document.ts turns into the OpenAPI description
// (and the Power Platform connector). Who may call an operation is not restated here: the document reads it from
// lib/auth/rules.ts by the entry's `route`, which is the rule's key. Adding a route is adding an entry; a test walks
// app/api/v1 and fails for a route without one.
import { z } from "zod";
import { EVENT_FIELDS, eventBatch, eventSchema, MAX_BODY_BYTES, MAX_BATCH_EVENTS } from "@/lib/contract/event";
import { auditQuery, keyInput, legalHoldInput, retentionUpdate, userInput, userUpdate } from "@/lib/contract/accounts";
import { programSchema } from "@/lib/contract/program";
import { cohortsQuery, metricsQuery, weeklyExportQuery } from "@/lib/contract/query";
import { checklistUpdate, decisionInput, decisionsQuery, scorecardQuery } from "@/lib/contract/scorecard";
import { ingestResult } from "@/lib/contract/responses/common";
import { importQuery, MAX_IMPORT_BYTES } from "@/lib/contract/sources";
import { channelParams, checklistItemParams, eventTypeParams, keyParams, reviewItemParams, sourceParams, userParams, workflowParams } from "@/lib/contract/params";
import * as answers from "@/lib/contract/responses/admin";
import * as reports from "@/lib/contract/responses/reports";
import * as review from "@/lib/contract/responses/review";
import { reviewClaim, reviewQueueQuery, reviewVerdict } from "@/lib/contract/review";
import { EVENTS_EXAMPLE, PROGRAM_EXAMPLE } from "./examples";

export interface Answer {
  description: string;
  /** A JSON body; omitted for a file download (see `files`). */
  schema?: z.ZodType;
  /** Media types of a download, e.g. text/csv. */
  files?: readonly string[];
}

export interface Operation {
  /** "METHOD /path/[param]": the key of the operation's rule in lib/auth/rules.ts. */
  route: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "Events" | "Reports" | "Scorecards" | "Review" | "Program" | "Administration" | "Reference";
  /** The dynamic segments of the path. */
  params?: Record<string, z.ZodType>;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A body that is a file, not JSON: what it may be, and the most bytes read. */
  upload?: { description: string; maxBytes: number };
  /** The answers that are not errors (the error answers follow from the rule, the inputs and `refusals`). */
  answers: Partial<Record<200 | 201 | 207, Answer>>;
  /** Refusals beyond those every operation of its kind has (400 for bad input, 401/403, 413, 429). */
  refusals?: Partial<Record<404 | 409, string>>;
  /**
   * A real request: the examples test sends it to a running server holding the demo program (in this table's order)
   * and checks the answer against `answers`. An operation without one says why in `withoutExample`.
   */
  example?: Example;
  /** Why there is no example: it needs a server-made id, a file, or something the example program does not configure. */
  withoutExample?: string;
}

export interface Example {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  status: 200 | 201 | 207;
}

const bodyLimit = (bytes: number) => `${bytes / 1024 / 1024} MB`;

export const OPERATIONS: readonly Operation[] = [
  {
    route: "POST /api/v1/events",
    operationId: "sendEvents",
    summary: "Send events",
    description:
      `Up to ${MAX_BATCH_EVENTS} events and ${bodyLimit(MAX_BODY_BYTES)} per request. Each event is checked on its own: the valid ones are stored ` +
      "and the answer lists the rejected ones by position (207). An event's id is unique per workflow: sending an id again is " +
      "a duplicate, stored once and counted once, so a retry never doubles an event.",
    tag: "Events",
    body: eventBatch.extend({ events: z.array(eventSchema).min(1).max(MAX_BATCH_EVENTS) }),
    answers: {
      200: { description: "Every event was accepted (or was a duplicate).", schema: ingestResult },
      207: { description: "Some events were rejected; the others were stored.", schema: ingestResult },
    },
    example: { body: EVENTS_EXAMPLE, status: 200 },
  },
  {
    route: "POST /api/v1/events/[type]",
    operationId: "sendEvent",
    summary: "Send one event",
    description:
      "One event, its type named by the path, for tools that cannot build the batch's array (the Power Platform connector's single-event " +
      "actions). It is ingested as a batch of one: a rejected event is a 400 naming its fields.",
    tag: "Events",
    params: eventTypeParams.shape,
    body: z.union(EVENT_FIELDS.map((variant: z.ZodObject) => variant.omit({ type: true }))),
    answers: { 200: { description: "The event was accepted (or was a duplicate).", schema: ingestResult } },
    example: {
      params: { type: "review" },
      body: { id: "T-1043-review", workflow: "ticket-triage", cohort: "support-pilot", taskId: "T-1043", occurredAt: "2026-12-01T11:02:00Z", verdict: "accepted" },
      status: 200,
    },
  },
  {
    route: "GET /api/v1/metrics",
    operationId: "getMetrics",
    summary: "Get a workflow's metrics",
    description: "Counts and rates (each with its 95% interval) per day or week, or for the whole window [from, to).",
    tag: "Reports",
    query: metricsQuery,
    answers: { 200: { description: "The metrics of the window.", schema: reports.metricsReport } },
    example: { query: { workflow: "ticket-triage", cohort: "support-pilot", from: "2026-11-02", to: "2026-11-30", granularity: "week" }, status: 200 },
  },
  {
    route: "GET /api/v1/cohorts",
    operationId: "compareCohorts",
    summary: "Compare a workflow's cohorts",
    tag: "Reports",
    query: cohortsQuery,
    answers: { 200: { description: "Each cohort's totals over the window, against its own baseline.", schema: reports.cohortsReport } },
    example: { query: { workflow: "ticket-triage", from: "2026-11-02", to: "2026-11-30" }, status: 200 },
  },
  {
    route: "GET /api/v1/workflows",
    operationId: "listWorkflows",
    summary: "List workflows and their rollouts",
    tag: "Reports",
    answers: { 200: { description: "The registry.", schema: reports.workflowsReport } },
    example: { status: 200 },
  },
  {
    route: "GET /api/v1/scorecards",
    operationId: "getScorecard",
    summary: "Get a scorecard",
    description: "A rollout's go / hold / no-go verdict: each gate criterion judged on its window, the readiness checklist and agent-version drift.",
    tag: "Scorecards",
    query: scorecardQuery,
    answers: { 200: { description: "The scorecard.", schema: reports.scorecard } },
    example: { query: { workflow: "ticket-triage", cohort: "support-pilot" }, status: 200 },
  },
  {
    route: "GET /api/v1/decisions",
    operationId: "listDecisions",
    summary: "List a rollout's decisions",
    tag: "Scorecards",
    query: decisionsQuery,
    answers: { 200: { description: "The steering board's decisions, newest first.", schema: reports.decisionList } },
    example: { query: { workflow: "ticket-triage", cohort: "support-pilot" }, status: 200 },
  },
  {
    route: "POST /api/v1/decisions",
    operationId: "recordDecision",
    summary: "Record a steering-board decision",
    description: "Freezes the scorecard it was made on. Deciding against the computed verdict needs an override note.",
    tag: "Scorecards",
    body: decisionInput,
    answers: { 201: { description: "The decision as recorded.", schema: reports.recordedDecision } },
    refusals: { 409: "The rollout's phase changed meanwhile." },
    example: {
      body: {
        workflow: "ticket-triage",
        cohort: "support-pilot",
        template: "pilot-to-department",
        decision: "extend",
        rationale: "Two more weeks of reviews before the department rollout.",
        override: "Kept in the pilot until the review backlog is cleared.",
      },
      status: 201,
    },
  },
  {
    route: "GET /api/v1/exports/weekly",
    operationId: "exportWeekly",
    summary: "Download the weekly export",
    tag: "Scorecards",
    query: weeklyExportQuery,
    answers: { 200: { description: "Every rollout's week as CSV, JSON or PDF (per `format`).", files: ["text/csv", "application/json", "application/pdf"] } },
    example: { query: { week: "last", format: "csv" }, status: 200 },
  },
  {
    route: "PUT /api/v1/workflows/[key]/checklist/[item]",
    operationId: "updateChecklistItem",
    summary: "Update a readiness checklist item",
    tag: "Scorecards",
    params: checklistItemParams.shape,
    body: checklistUpdate,
    answers: { 200: { description: "The item's new state.", schema: reports.checklistEntry } },
    example: { params: { key: "ticket-triage", item: "retention" }, body: { status: "done", owner: "IT Compliance", evidence: "Retention set to 400 days." }, status: 200 },
  },
  {
    route: "GET /api/v1/review/queue",
    operationId: "reviewQueue",
    summary: "The review queue of a workflow",
    description: "What waits, what is claimed, what was reviewed this week against the week's target, and the reviews still needed per review-based criterion of each sampled rollout's gate.",
    tag: "Review",
    query: reviewQueueQuery,
    answers: { 200: { description: "The queue's state.", schema: review.queueStatus } },
    example: { query: { workflow: "ticket-triage" }, status: 200 },
  },
  {
    route: "POST /api/v1/review/claim",
    operationId: "claimReviewItem",
    summary: "Claim the next item to review",
    description:
      "The oldest item that still needs a reviewer other than the caller, with its content, held for the caller for 15 minutes. Asking again " +
      "while holding one gives it back. `skip` gives up the caller's claim on that output first: it goes to someone else, never back to them.",
    tag: "Review",
    body: reviewClaim,
    answers: { 200: { description: "The claimed item (204 with no body when nothing is left for the caller).", schema: review.claimedItem } },
    withoutExample: "whether the example server's queue holds an item depends on its keyed random sample; app/api/v1/review/route.test.ts claims items",
  },
  {
    route: "POST /api/v1/review/items/[outputId]",
    operationId: "recordReviewVerdict",
    summary: "Record a verdict on a claimed item",
    description: "Recorded as a review event through the same ingestion as POST /api/v1/events, marked as from the random sample; sending it again is a duplicate.",
    tag: "Review",
    params: reviewItemParams.shape,
    body: reviewVerdict,
    answers: { 200: { description: "The verdict, recorded now or before.", schema: review.recordedVerdict } },
    refusals: { 409: "The caller holds no running claim on the output, or the output is no longer stored." },
    withoutExample: "it needs the id of an output the caller claimed; app/api/v1/review/route.test.ts records verdicts",
  },
  {
    route: "PUT /api/v1/program",
    operationId: "applyProgram",
    summary: "Apply the program",
    description: "Workflows, cohorts, rollouts and gate templates as code; applying the same document again changes nothing.",
    tag: "Program",
    body: programSchema,
    answers: { 200: { description: "What was created, updated and left unchanged.", schema: answers.applySummary } },
    example: { body: PROGRAM_EXAMPLE, status: 200 },
  },
  {
    route: "GET /api/v1/keys",
    operationId: "listKeys",
    summary: "List API keys",
    tag: "Administration",
    answers: { 200: { description: "Every key, revoked ones too; never a secret.", schema: answers.keyList } },
    example: { status: 200 },
  },
  {
    route: "POST /api/v1/keys",
    operationId: "createKey",
    summary: "Create an API key",
    tag: "Administration",
    body: keyInput,
    answers: { 201: { description: "The new key and its secret (shown once).", schema: answers.createdKey } },
    example: { body: { name: "support-agent", scopes: ["ingest"], workflows: ["ticket-triage"] }, status: 201 },
  },
  {
    route: "DELETE /api/v1/keys/[name]",
    operationId: "revokeKey",
    summary: "Revoke an API key",
    tag: "Administration",
    params: keyParams.shape,
    answers: { 200: { description: "The key is revoked; requests with its secret are refused from now on.", schema: answers.revokedKey } },
    example: { params: { name: "support-agent" }, status: 200 },
  },
  {
    route: "GET /api/v1/users",
    operationId: "listUsers",
    summary: "List users",
    tag: "Administration",
    answers: { 200: { description: "Every user.", schema: answers.userList } },
    example: { status: 200 },
  },
  {
    route: "POST /api/v1/users",
    operationId: "createUser",
    summary: "Create a user",
    tag: "Administration",
    body: userInput,
    answers: { 201: { description: "The user and their first one-time sign-in link.", schema: answers.createdUser } },
    refusals: { 409: "A user with this email exists." },
    example: { body: { email: "dana@example.com", name: "Dana Reviewer", roles: ["viewer"] }, status: 201 },
  },
  {
    route: "PATCH /api/v1/users/[id]",
    withoutExample: "it names a user by the id the server made when creating them",
    operationId: "updateUser",
    summary: "Change a user",
    description: "Name, roles, owner workflows; disabling ends the user's sessions.",
    tag: "Administration",
    params: userParams.shape,
    body: userUpdate,
    answers: { 200: { description: "The user as changed.", schema: answers.oneUser } },
  },
  {
    route: "POST /api/v1/users/[id]/sign-in-link",
    withoutExample: "it names a user by the id the server made when creating them",
    operationId: "createSignInLink",
    summary: "Create a sign-in link for a user",
    tag: "Administration",
    params: userParams.shape,
    answers: { 201: { description: "A new one-time sign-in link.", schema: answers.newSignInLink } },
  },
  {
    route: "GET /api/v1/audit",
    operationId: "listAudit",
    summary: "Read the audit trail",
    description: "Newest first, a page at a time (`before` pages on); `format=csv` downloads every matching record.",
    tag: "Administration",
    query: auditQuery,
    answers: { 200: { description: "A page of audit records (or the CSV download).", schema: answers.auditPage, files: ["text/csv"] } },
    example: { query: { action: "key.", limit: "50" }, status: 200 },
  },
  {
    route: "GET /api/v1/retention",
    operationId: "getRetention",
    summary: "Get the retention status",
    tag: "Administration",
    answers: { 200: { description: "Retention period, watermark, last run and legal holds.", schema: answers.retentionStatus } },
    example: { status: 200 },
  },
  {
    route: "PUT /api/v1/retention",
    operationId: "setRetention",
    summary: "Set the retention period",
    tag: "Administration",
    body: retentionUpdate,
    answers: { 200: { description: "The new period.", schema: answers.retentionDays } },
    example: { body: { days: 400 }, status: 200 },
  },
  {
    route: "POST /api/v1/retention/run",
    operationId: "runRetention",
    summary: "Purge raw events past the retention period",
    tag: "Administration",
    answers: { 200: { description: "What the run deleted; rollups, decisions and the audit trail are kept.", schema: answers.retentionRun } },
    example: { status: 200 },
  },
  {
    route: "PUT /api/v1/legal-holds/[workflow]",
    operationId: "placeLegalHold",
    summary: "Place a legal hold on a workflow",
    tag: "Administration",
    params: workflowParams.shape,
    body: legalHoldInput,
    answers: { 200: { description: "The hold: the workflow's raw events are kept past the retention period.", schema: answers.legalHoldView } },
    example: { params: { workflow: "ticket-triage" }, body: { reason: "Litigation hold LH-2026-07." }, status: 200 },
  },
  {
    route: "DELETE /api/v1/legal-holds/[workflow]",
    operationId: "liftLegalHold",
    summary: "Lift a legal hold",
    tag: "Administration",
    params: workflowParams.shape,
    answers: { 200: { description: "Whether a hold was lifted.", schema: answers.liftedHold } },
    example: { params: { workflow: "ticket-triage" }, status: 200 },
  },
  {
    route: "GET /api/v1/imports",
    operationId: "listImports",
    summary: "List the Microsoft 365 imports",
    description: "The newest 50 file imports, newest first, with what each read, stored and skipped.",
    tag: "Administration",
    answers: { 200: { description: "The import history.", schema: answers.importHistory } },
    example: { status: 200 },
  },
  {
    route: "POST /api/v1/imports",
    operationId: "importExport",
    summary: "Import a Microsoft 365 export",
    description:
      "The body is the export file itself (a Purview audit log, Copilot Studio sessions or transcripts), read as it arrives. The format is " +
      "detected from the content unless `format` names it. With `dryRun=true` nothing is stored: the answer is the preview.",
    tag: "Administration",
    query: importQuery,
    upload: { description: "The export file: CSV, JSON or JSON lines, as Microsoft 365 writes it.", maxBytes: MAX_IMPORT_BYTES },
    withoutExample: "its body is an export file; lib/sources/importExport.test.ts imports the sample exports through it",
    answers: { 200: { description: "What was read, derived, stored (or would be) and skipped, and why.", schema: answers.importSummary } },
  },
  {
    route: "POST /api/v1/sources/[key]/pull",
    operationId: "requestPull",
    summary: "Pull a Microsoft 365 source now",
    description:
      "Makes the source's scheduled pull (Management Activity API or Dataverse) due now: the scheduler's next check, in any instance, runs it, " +
      "and Administration → Data sources shows how it went. Only sources of a type Microsoft serves through an API can pull.",
    tag: "Administration",
    params: sourceParams.shape,
    refusals: { 409: "The server has no TOLLGATE_M365_* connection settings; the message names the missing ones." },
    withoutExample: "the example server has no TOLLGATE_M365_* settings; app/api/v1/sources/[key]/pull/route.test.ts asks for pulls with them set",
    answers: { 200: { description: "The pull is queued.", schema: answers.pullRequested } },
  },
  {
    route: "GET /api/v1/alerts",
    operationId: "listAlerts",
    summary: "List alert channels, rules and recent alerts",
    description: "Each channel says whether it can send (never the values of the variables it reads); the newest 100 alerts carry every delivery attempt.",
    tag: "Administration",
    answers: { 200: { description: "The channels, the rules and the newest alerts.", schema: answers.alertsOverview } },
    example: { status: 200 },
  },
  {
    route: "POST /api/v1/alerts/channels/[key]/test",
    operationId: "testAlertChannel",
    summary: "Send a test alert",
    description: "Sends a test alert on one channel at once and records it with its one attempt; a failed test is not retried.",
    tag: "Administration",
    params: channelParams.shape,
    withoutExample: "the example program configures no alert channel; app/api/v1/alerts/route.test.ts sends tests to a receiver it starts",
    answers: { 200: { description: "Whether the channel took it, and if not, why.", schema: answers.alertTestOutcome } },
  },
  {
    route: "GET /api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "Get this OpenAPI description",
    tag: "Reference",
    answers: { 200: { description: "The OpenAPI 3.1 document.", schema: z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }) } },
    example: { status: 200 },
  },
];

