// What the contract cannot check alone about the program's sources and directory mapping: that the workflows and
// cohorts they name are registered (already, or by the same document).
import type { FieldError } from "@/lib/contract/common";
import type { Program } from "@/lib/contract/program";

export function sourceErrors(program: Program, workflows: ReadonlySet<string>, cohorts: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const known = (set: ReadonlySet<string>, kind: string, key: string | undefined, path: string) => {
    if (key !== undefined && !set.has(key)) errors.push({ path, message: `unknown ${kind} "${key}"` });
  };
  program.sources.forEach((source, i) => {
    known(workflows, "workflow", source.workflow, `sources[${i}].workflow`);
    known(cohorts, "cohort", source.cohort, `sources[${i}].cohort`);
    source.workflows?.forEach((rule, j) => {
      known(workflows, "workflow", rule.workflow, `sources[${i}].workflows[${j}].workflow`);
      known(cohorts, "cohort", rule.cohort, `sources[${i}].workflows[${j}].cohort`);
    });
  });
  for (const [column, values] of Object.entries(program.directory)) {
    for (const [value, cohort] of Object.entries(values)) known(cohorts, "cohort", cohort, `directory.${column}.${value}`);
  }
  return errors;
}
