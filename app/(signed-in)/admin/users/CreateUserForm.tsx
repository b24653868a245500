"use client";
// Adds a user (POST /api/v1/users); the answer carries the one-time sign-in link the view shows to hand over.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { TextField } from "@/components/ui/Field";
import { AdminForm, SubmitRow } from "@/components/admin/AdminForm";
import { errorOutcome, fieldErrorsOf, FormMessage } from "@/components/ui/FormMessage";
import type { SignInLinkJson, UserJson } from "@/components/admin/types";
import { ownedWorkflows, RoleFields, type RoleChoice } from "./RoleFields";

const NEW_USER_ROLES: RoleChoice = { roles: ["viewer"], workflows: [] };

export function CreateUserForm({
  workflowOptions,
  onCreated,
}: {
  workflowOptions: { value: string; label: string }[];
  onCreated: (user: UserJson, link: SignInLinkJson) => void;
}) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<RoleChoice>(NEW_USER_ROLES);
  const create = useMutation({
    mutationFn: () =>
      requestJson<{ user: UserJson; signInLink: SignInLinkJson }>("/api/v1/users", {
        method: "POST",
        body: { email, ...(name.trim() ? { name } : {}), roles: roles.roles, workflows: ownedWorkflows(roles) },
      }),
    onSuccess: ({ user, signInLink }) => {
      setEmail("");
      setName("");
      setRoles(NEW_USER_ROLES);
      onCreated(user, signInLink);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <AdminForm onSubmit={() => create.mutate()}>
      <div className="admin-form-row">
        <TextField label="Email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} required error={errors.email} />
        <TextField label="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      </div>
      <RoleFields value={roles} onChange={setRoles} workflowOptions={workflowOptions} errors={errors} />
      <SubmitRow label="Add user and create a sign-in link" pendingLabel="Adding…" pending={create.isPending}>
        <FormMessage outcome={errorOutcome(create.error)} />
      </SubmitRow>
    </AdminForm>
  );
}
