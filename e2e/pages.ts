// The app's pages as the browser tests walk them: every app/**/page.tsx as its URL pattern, and sample values for
// its dynamic segments, so a page added to app/ is walked the day it lands.
import fs from "node:fs";
import path from "node:path";

const APP = path.resolve(import.meta.dirname, "..", "app");

/** A demo rollout for every dynamic segment name the app uses. */
export const SAMPLE: Record<string, string> = { key: "ticket-triage", workflow: "ticket-triage", cohort: "support-pilot" };

/** Every page's pattern, e.g. "/workflows/[key]" (route groups such as "(signed-in)" left out). */
export function pagePatterns(dir = APP): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pagePatterns(full);
    const segments = path.relative(APP, dir).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
    return entry.name === "page.tsx" ? ["/" + segments.join("/")] : [];
  });
}

/** The pattern with each dynamic segment replaced by its sample value. */
export const sampleUrl = (pattern: string) => pattern.replace(/\[(\w+)\]/g, (_, name: string) => SAMPLE[name]!);
