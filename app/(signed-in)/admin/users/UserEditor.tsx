"use client";
// Edits a user in place of their row: the name, the roles and an owner's workflows. The view saves the change
// (PATCH /api/v1/users/ID) and passes back whether it is saving and what went wrong.
import { useState } from "react";
import { TextField } from "@/components/ui/Field";
import { AdminForm, SubmitRow } from "@/components/admin/AdminForm";
import { errorOutcome, fieldErrorsOf, FormMessage } from "@/components/ui/FormMessage";
import type { UserJson } from "@/components/admin/types";
import { ownedWorkflows, RoleFields, type RoleChoice } from "./RoleFields";

export function UserEditor({
  user,
  workflowOptions,
  pending,
  error,
  onSave,
  onCancel,
}: {
  user: UserJson;
  workflowOptions: { value: string; label: string }[];
  pending: boolean;
  error: unknown;
  onSave: (change: Record<string, unknown>) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(user.name ?? "");
  const [roles, setRoles] = useState<RoleChoice>({ roles: user.roles, workflows: user.workflows });
  const errors = fieldErrorsOf(error);
  return (
    <AdminForm
      className="admin-editor"
      aria-label={`Edit ${user.email}`}
      onSubmit={() => onSave({ name: name.trim() || null, roles: roles.roles, workflows: ownedWorkflows(roles) })}
    >
      <h3>Edit {user.email}</h3>
      <TextField label="Name" className="admin-field-narrow" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <RoleFields value={roles} onChange={setRoles} workflowOptions={workflowOptions} errors={errors} />
      <SubmitRow label="Save changes" pendingLabel="Saving…" pending={pending}>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <FormMessage outcome={errorOutcome(error)} />
      </SubmitRow>
    </AdminForm>
  );
}
