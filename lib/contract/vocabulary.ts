// The fixed vocabularies of the event contract, the program registry and access (roles, key scopes).
export const EVENT_TYPES = ["output", "review", "escalation", "completion", "incident", "feedback"] as const;
export const OUTPUT_KINDS = ["draft", "classification", "recommendation", "action"] as const;
export const VERDICTS = ["accepted", "light_edit", "heavy_edit", "rejected"] as const;
export const COMPLETION_MODES = ["agent", "manual"] as const;
/** Feedback from the person who asked (thumbs), never a reviewer's verdict. */
export const SEVERITIES = [1, 2, 3] as const;
export const RATINGS = ["positive", "negative"] as const;
/** The Microsoft 365 exports Tollgate imports (lib/sources). */
export const SOURCE_TYPES = ["purview-audit", "copilot-studio-sessions", "copilot-studio-transcripts"] as const;
/** The text formats an export file may be in (told from its content unless given). */
export const INPUT_FORMATS = ["csv", "json", "ndjson"] as const;
/** The playbook's error taxonomy, shared by review error categories and incident categories. */
export const ERROR_CATEGORIES = [
  "wrong_data_source",
  "permission_failure",
  "hallucinated_fact",
  "policy_violation",
  "poor_summarization",
  "incorrect_routing",
  "other",
] as const;
export const TIERS = ["insight", "draft", "action"] as const;
export const PHASES = ["pilot", "department", "enterprise"] as const;
export const SCOPES = ["ingest", "read", "admin", "review"] as const;
/** What a signed-in user may be; lib/auth/rules.ts says what each may do. */
export const ROLES = ["admin", "owner", "board", "viewer", "reviewer"] as const;
export const CHECKLIST_ITEMS = [
  "identity",
  "tenant_controls",
  "audit_logging",
  "human_approval",
  "metrics",
  "retention",
] as const;

/** Who the audit trail names: a signed-in user, an API key, a CLI user, an in-process job, or nobody signed in. */
export const ACTOR_TYPES = ["user", "key", "cli", "system", "anonymous"] as const;

export type Verdict = (typeof VERDICTS)[number];
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];
export type Tier = (typeof TIERS)[number];
export type Phase = (typeof PHASES)[number];
export type Scope = (typeof SCOPES)[number];
export type Role = (typeof ROLES)[number];
export type ActorType = (typeof ACTOR_TYPES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type InputFormat = (typeof INPUT_FORMATS)[number];
