"use client";
// A user's roles, and for an owner or a reviewer the workflows whose readiness checklist they edit or whose outputs
// they review: the part of the user form that adding and editing a user share.
import { ROLES, type Role } from "@/lib/contract/vocabulary";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/ui/labels";
import { CheckboxGroup } from "@/components/admin/CheckboxGroup";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], detail: ROLE_DESCRIPTIONS[role] }));

export interface RoleChoice {
  roles: Role[];
  workflows: string[];
}

/** The roles granted per workflow. */
const PER_WORKFLOW: readonly Role[] = ["owner", "reviewer"];

/** The workflows to send: an owner's or reviewer's, or none for a user who is neither (whatever was ticked before). */
export function ownedWorkflows(choice: RoleChoice): string[] {
  return choice.roles.some((role) => PER_WORKFLOW.includes(role)) ? choice.workflows : [];
}

export function RoleFields({
  value,
  onChange,
  workflowOptions,
  errors,
}: {
  value: RoleChoice;
  onChange: (value: RoleChoice) => void;
  workflowOptions: { value: string; label: string }[];
  errors: Record<string, string>;
}) {
  return (
    <>
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} value={value.roles} onChange={(roles) => onChange({ ...value, roles })} error={errors.roles} />
      {value.roles.some((role) => PER_WORKFLOW.includes(role)) && (
        <CheckboxGroup
          legend="Workflows"
          hint="The workflows whose readiness checklist this owner edits, or whose sampled outputs this reviewer reviews."
          options={workflowOptions}
          value={value.workflows}
          onChange={(workflows) => onChange({ ...value, workflows })}
          error={errors.workflows}
          empty="No workflows are registered yet."
        />
      )}
    </>
  );
}
