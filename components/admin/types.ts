// What the administration API answers, as the browser receives it (instants are ISO strings).
import type { Role } from "@/lib/contract/vocabulary";
import type { Scope } from "@/lib/contract/vocabulary";

export interface UserJson {
  id: string;
  email: string;
  name: string | null;
  roles: Role[];
  workflows: string[];
  hasPassword: boolean;
  sso: boolean;
  createdAt: string;
  disabledAt: string | null;
}

export interface SignInLinkJson {
  url: string;
  expiresAt: string;
}

export interface KeyJson {
  name: string;
  prefix: string;
  scopes: Scope[];
  workflows: string[] | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface AuditRecordJson {
  seq: number;
  at: string;
  actorType: string;
  actor: string;
  action: string;
  target: string | null;
  source: string | null;
  before: unknown;
  after: unknown;
  count: number;
}

export interface AuditPageJson {
  records: AuditRecordJson[];
  nextBefore: number | null;
}

export interface RetentionStatusJson {
  days: number;
  watermark: string | null;
  lastRun: { at: string; actor: string; total: number } | null;
  holds: LegalHoldJson[];
}

export interface LegalHoldJson {
  workflow: string;
  reason: string;
  placedBy: string;
  placedAt: string;
}

export interface RetentionRunJson {
  cutoff: string;
  total: number;
  /** Deleted events per workflow (the API names it `deleted`; `byWorkflow` in the first draft of the contract). */
  deleted?: Record<string, number>;
  byWorkflow?: Record<string, number>;
  held: string[];
}

export interface WorkflowOption {
  key: string;
  name: string;
}

/** A server value as JSON would carry it to the browser: Dates become ISO strings. */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Jsonified<T[K]> }
      : T;

/** Hands server data to a client view exactly as the API would answer it. */
export function asJson<T>(value: T): Jsonified<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonified<T>;
}

/** The audit page's filters, in its URL and in GET /api/v1/audit. */
export const AUDIT_FILTER_FIELDS = ["from", "to", "actor", "actorType", "action", "target"] as const;
export type AuditFilters = Partial<Record<(typeof AUDIT_FILTER_FIELDS)[number], string>>;
