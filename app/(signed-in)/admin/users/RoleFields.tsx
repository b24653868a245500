"use client";
// A user's roles, and for an owner the workflows whose readiness checklist they edit: the part of the user form
// that adding and editing a user share.
import { ROLES, type Role } from "@/lib/contract/vocabulary";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/ui/labels";
import { CheckboxGroup } from "@/components/admin/CheckboxGroup";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], detail: ROLE_DESCRIPTIONS[role] }));

export interface RoleChoice {
  roles: Role[];
  workflows: string[];
}

/** The workflows to send: an owner's, or none for a user who is not an owner (whatever was ticked before). */
export function ownedWorkflows(choice: RoleChoice): string[] {
  return choice.roles.includes("owner") ? choice.workflows : [];
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
      {value.roles.includes("owner") && (
        <CheckboxGroup
          legend="Owner of workflows"
          hint="The workflows whose readiness checklist this owner edits."
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
