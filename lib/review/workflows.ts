// The workflows a person may review, for the review page's picker and the navigation.
import type { Database } from "@/lib/db/database";
import { listWorkflowOptions } from "@/lib/reports/registry";
import { mayReview, type Principal } from "@/lib/auth/authorize";

export async function reviewableWorkflows(db: Database, principal: Principal): Promise<{ key: string; name: string }[]> {
  return (await listWorkflowOptions(db)).filter((w) => mayReview(principal, w.key).allowed);
}
