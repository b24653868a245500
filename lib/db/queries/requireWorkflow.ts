import type { SqlExecutor } from "@/lib/db/sql";
import { InvalidParameterError } from "@/lib/errors";
import { findWorkflow, type WorkflowRow } from "./findWorkflow";

/** The workflow with the key; a request naming a workflow the registry does not have is refused. */
export async function requireWorkflow(tx: SqlExecutor, key: string): Promise<WorkflowRow> {
  const workflow = await findWorkflow(tx, key);
  if (!workflow) throw new InvalidParameterError("workflow", `unknown workflow "${key}"`);
  return workflow;
}
