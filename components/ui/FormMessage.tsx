"use client";
// The outcome of a change, announced: a success as a status, a failure as an alert.
import { FetchError } from "@/lib/ui/fetchJson";

export type Outcome = { kind: "ok" | "error"; text: string } | null;

export function FormMessage({ outcome }: { outcome: Outcome }) {
  return (
    <div aria-live="polite" className="form-live">
      {outcome && (
        <p className={`form-status ${outcome.kind}`} role={outcome.kind === "error" ? "alert" : "status"}>
          {outcome.text}
        </p>
      )}
    </div>
  );
}

/** The server's field errors by top-level field (roles[0] → roles), for messages beside the inputs. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof FetchError) {
    for (const e of error.fieldErrors) {
      const field = e.path.split(/[.[]/)[0] || e.path;
      out[field] ??= e.message;
    }
  }
  return out;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong.";
}

/** A failed change as an outcome to announce; no outcome when nothing failed. */
export function errorOutcome(error: unknown): Outcome {
  return error ? { kind: "error", text: messageOf(error) } : null;
}
