import { z } from "zod";

/** Registry keys: lowercase slugs, safe in URLs, file names and CSV cells. */
export const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a slug: lowercase letters, digits and single hyphens");

/** The first date the calendar code (lib/time) handles correctly; earlier years have no place in Tollgate. */
export const EARLIEST_LOCAL_DATE = "1900-01-01";

/** A calendar date in the installation timezone. */
export const localDate = z.iso
  .date({ error: "must be a date as YYYY-MM-DD" })
  .refine((day) => day >= EARLIEST_LOCAL_DATE, { message: `must be a date from ${EARLIEST_LOCAL_DATE} on` });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text both databases store exactly as sent: no NUL character (Postgres refuses it in text) and no lone surrogate
 * (not Unicode: both databases store it as U+FFFD, which made distinct ids equal).
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/** Free text of the contract: a string that isStorableText. */
export const storableText = () => z.string().refine(isStorableText, { message: "must be valid Unicode text without NUL characters" });

export interface FieldError {
  path: string;
  message: string;
}

/** Renders a zod issue path as the JSON path a sender recognises: events[3].verdict, rollouts[0].cohort. */
export function jsonPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}

export function fieldErrors(error: z.ZodError, base = ""): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: jsonPath(base, [...issue.path, key]), message: "is not a known field" }));
    }
    return [{ path: jsonPath(base, issue.path), message: issue.message }];
  });
}
