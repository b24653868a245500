// The audit trail as CSV (RFC 4180 via csv-stringify, CRLF): the same records and filters as the JSON listing.
// Text cells are neutralized against spreadsheet formulas (an actor can be a name an attacker chose: a failed
// sign-in records the email typed); before and after are JSON text.
import { stringify } from "csv-stringify/sync";
import type { Database } from "@/lib/db/database";
import { neutralizeFormula } from "@/lib/exports/csv";
import { installationTimezone } from "@/lib/db/settings";
import { today } from "@/lib/time";
import { listAudit, MAX_AUDIT_LIMIT, type AuditFilter, type AuditRecordView } from "./listAudit";

export const AUDIT_CSV_COLUMNS = ["seq", "at", "actor_type", "actor", "action", "target", "source", "before", "after", "count"] as const;

/** The most records one export holds; narrow the filters for more. */
export const AUDIT_EXPORT_CAP = 100_000;

const text = (value: string | null): string => (value === null ? "" : neutralizeFormula(value));
const json = (value: unknown): string => (value === null || value === undefined ? "" : neutralizeFormula(JSON.stringify(value)));

function row(record: AuditRecordView): (string | number)[] {
  return [
    record.seq,
    record.at.toISOString(),
    text(record.actorType),
    text(record.actor),
    text(record.action),
    text(record.target),
    text(record.source),
    json(record.before),
    json(record.after),
    record.count,
  ];
}

/** The rows of some records as CSV text, with the header row when asked. */
export function auditCsv(records: readonly AuditRecordView[], options: { header?: boolean } = {}): string {
  const header = options.header ?? true;
  if (records.length === 0) return header ? stringify([[...AUDIT_CSV_COLUMNS]], { record_delimiter: "windows" }) : "";
  return stringify(records.map(row), { header, columns: [...AUDIT_CSV_COLUMNS], record_delimiter: "windows" });
}

/** The file name of an export made today (installation timezone): tollgate-audit-2026-11-27.csv. */
export async function auditCsvFilename(db: Database, now = new Date()): Promise<string> {
  const timezone = await installationTimezone(db);
  return `tollgate-audit-${today(timezone, now)}.csv`;
}

/**
 * Every record matching the filter (newest first, up to `cap`) as a CSV stream: pages of MAX_AUDIT_LIMIT records
 * are read as the client consumes the stream, so a large export never sits in memory whole.
 */
export function auditCsvStream(db: Database, filter: Omit<AuditFilter, "limit">, cap = AUDIT_EXPORT_CAP): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before = filter.before;
  let written = 0;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      const page = await listAudit(db, { ...filter, before, limit: Math.min(MAX_AUDIT_LIMIT, cap - written) });
      const chunk = auditCsv(page.records, { header: !started });
      started = true;
      written += page.records.length;
      before = page.nextBefore ?? undefined;
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (page.nextBefore === null || written >= cap) {
        done = true;
        controller.close();
      }
    },
  });
}
