// The audit page's filters as a query string: the page's own URL, GET /api/v1/audit and its CSV export take the
// same one.
import { AUDIT_FILTER_FIELDS, type AuditFilters } from "@/components/admin/types";

export function auditQueryString(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) if (filters[field]) params.set(field, filters[field]!);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return params.toString();
}
