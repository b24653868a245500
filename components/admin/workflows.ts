// The registered workflows as the administration screens name and offer them.
import type { WorkflowOption } from "./types";

/** A workflow's name by its key; the key itself for one no longer registered. */
export function workflowNamer(workflows: WorkflowOption[]): (key: string) => string {
  return (key) => workflows.find((w) => w.key === key)?.name ?? key;
}

/** The workflows as checkbox or select options. */
export function workflowChoices(workflows: WorkflowOption[]): { value: string; label: string }[] {
  return workflows.map((w) => ({ value: w.key, label: w.name }));
}
