"use client";
// Users: the list with roles, owner workflows and how each signs in; a form to add a user (which answers with a
// one-time sign-in link to hand over), and per user: edit roles and workflows, disable or enable, a new link.
import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { ROLES, type Role } from "@/lib/contract/vocabulary";
import { formatInstant } from "@/lib/ui/format";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/ui/labels";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";
import { CheckboxGroup } from "@/components/admin/CheckboxGroup";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { FormMessage, fieldErrorsOf, messageOf, type Outcome } from "@/components/admin/FormMessage";
import { OneTimeSecret } from "@/components/admin/OneTimeSecret";
import type { SignInLinkJson, UserJson, WorkflowOption } from "@/components/admin/types";

const USERS_KEY = ["admin", "users"] as const;

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], detail: ROLE_DESCRIPTIONS[role] }));

type Issued = { email: string; link: SignInLinkJson; created: boolean };

export function UsersView({
  initialUsers,
  workflows,
  timezone,
  currentEmail,
}: {
  initialUsers: UserJson[];
  workflows: WorkflowOption[];
  timezone: string;
  currentEmail: string | null;
}) {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: USERS_KEY,
    queryFn: ({ signal }) => requestJson<{ users: UserJson[] }>("/api/v1/users", { signal }).then((body) => body.users),
    initialData: initialUsers,
  });
  const [issued, setIssued] = useState<Issued | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const workflowOptions = workflows.map((w) => ({ value: w.key, label: w.name }));
  const workflowName = (key: string) => workflows.find((w) => w.key === key)?.name ?? key;

  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });

  const update = useMutation({
    mutationFn: ({ id, change }: { id: string; change: Record<string, unknown> }) =>
      requestJson<{ user: UserJson }>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: change }),
    onSuccess: ({ user }, { change }) => {
      setOutcome({
        kind: "ok",
        text: "disabled" in change ? `${user.email} is ${user.disabledAt ? "disabled; their sessions have ended" : "enabled again"}.` : `Saved the changes to ${user.email}.`,
      });
      setEditing(null);
      void refresh();
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });

  const newLink = useMutation({
    mutationFn: (user: UserJson) =>
      requestJson<{ signInLink: SignInLinkJson }>(`/api/v1/users/${encodeURIComponent(user.id)}/sign-in-link`, { method: "POST" }),
    onSuccess: ({ signInLink }, user) => {
      setIssued({ email: user.email, link: signInLink, created: false });
      setOutcome({ kind: "ok", text: `A new one-time sign-in link for ${user.email} is shown above.` });
    },
    onError: (error) => setOutcome({ kind: "error", text: messageOf(error) }),
  });

  return (
    <>
      {issued && (
        <OneTimeSecret
          title={issued.created ? `${issued.email} was added: their one-time sign-in link` : `New one-time sign-in link for ${issued.email}`}
          value={issued.link.url}
          warning={`Hand this link to ${issued.email} over a trusted channel. It signs them in once, until ${formatInstant(issued.link.expiresAt, timezone)}, and is not shown again.`}
          onDismiss={() => setIssued(null)}
        />
      )}

      <section className="section" aria-labelledby="users-heading">
        <div className="card table-card">
          <div className="toolbar">
            <div>
              <h2 id="users-heading" className="toolbar-title">
                Users
              </h2>
              <p className="muted small">Users are disabled, never deleted: the audit trail names them.</p>
            </div>
            <FormMessage outcome={outcome} />
          </div>
          {users.isPending ? (
            <TableSkeleton rows={4} />
          ) : users.isError ? (
            <ErrorState title="The users could not be loaded" message={users.error.message} onRetry={() => void users.refetch()} retrying={users.isFetching} />
          ) : (
            <div className="table-scroll">
              <table className="data admin-table">
                <caption className="visually-hidden">Users with their roles, owner workflows, sign-in methods and state</caption>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Owner of</th>
                    <th scope="col">Signs in with</th>
                    <th scope="col">State</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.length === 0 && (
                    <tr>
                      <td colSpan={6} className="empty-row">
                        No users yet. Add the first one below.
                      </td>
                    </tr>
                  )}
                  {users.data.map((user) =>
                    editing === user.id ? (
                      <tr key={user.id}>
                        <td colSpan={6}>
                          <UserEditor
                            user={user}
                            workflowOptions={workflowOptions}
                            pending={update.isPending}
                            error={update.error}
                            onCancel={() => {
                              setEditing(null);
                              update.reset();
                            }}
                            onSave={(change) => update.mutate({ id: user.id, change })}
                          />
                        </td>
                      </tr>
                    ) : (
                      <tr key={user.id}>
                        <th scope="row">
                          <div className="strong">{user.name ?? user.email}</div>
                          {user.name && <div className="muted small">{user.email}</div>}
                          {user.email === currentEmail && <div className="muted small">(you)</div>}
                        </th>
                        <td>
                          <span className="tag-list">
                            {user.roles.map((role) => (
                              <span key={role} className="tag">
                                {ROLE_LABELS[role] ?? role}
                              </span>
                            ))}
                          </span>
                        </td>
                        <td className="small">{user.workflows.length ? user.workflows.map(workflowName).join(", ") : <span className="muted">—</span>}</td>
                        <td className="small">{signInMethods(user)}</td>
                        <td>
                          {user.disabledAt ? (
                            <span className="badge status status-no_go" title={`Disabled ${formatInstant(user.disabledAt, timezone)}`}>
                              Disabled
                            </span>
                          ) : (
                            <span className="badge status status-go">Active</span>
                          )}
                        </td>
                        <td className="actions-cell">
                          <div className="row-actions">
                          <button type="button" className="button button-sm" onClick={() => setEditing(user.id)} aria-label={`Edit ${user.email}`}>
                            Edit
                          </button>
                          {!user.disabledAt && (
                            <button
                              type="button"
                              className="button button-sm"
                              disabled={newLink.isPending && newLink.variables?.id === user.id}
                              onClick={() => newLink.mutate(user)}
                              aria-label={`New sign-in link for ${user.email}`}
                            >
                              {newLink.isPending && newLink.variables?.id === user.id ? "Creating…" : "New sign-in link"}
                            </button>
                          )}
                          {user.disabledAt ? (
                            <button
                              type="button"
                              className="button button-sm"
                              onClick={() => update.mutate({ id: user.id, change: { disabled: false } })}
                              disabled={update.isPending}
                              aria-label={`Enable ${user.email}`}
                            >
                              Enable
                            </button>
                          ) : (
                            user.email !== currentEmail && (
                              <ConfirmButton
                                label="Disable"
                                question={`Disable ${user.email}? Their sessions end now.`}
                                confirmLabel="Disable"
                                onConfirm={() => update.mutate({ id: user.id, change: { disabled: true } })}
                                pending={update.isPending && update.variables?.id === user.id}
                                pendingLabel="Saving…"
                              />
                            )
                          )}
                          </div>
                        </td>
                      </tr>
                    ),
                  )}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </section>

      <section className="section" aria-labelledby="add-user-heading">
        <div className="card">
          <h2 id="add-user-heading">Add a user</h2>
          <CreateUserForm
            workflowOptions={workflowOptions}
            onCreated={(user, link) => {
              setIssued({ email: user.email, link, created: true });
              setOutcome({ kind: "ok", text: `Added ${user.email}. Their one-time sign-in link is shown above.` });
              void refresh();
              window.scrollTo({ top: 0, behavior: "smooth" });
            }}
          />
        </div>
      </section>
    </>
  );
}

function signInMethods(user: UserJson): string {
  const methods = [user.sso ? "Single sign-on" : null, user.hasPassword ? "Password" : null].filter(Boolean);
  return methods.length ? methods.join(", ") : "Sign-in link only";
}

function CreateUserForm({ workflowOptions, onCreated }: { workflowOptions: { value: string; label: string }[]; onCreated: (user: UserJson, link: SignInLinkJson) => void }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<Role[]>(["viewer"]);
  const [workflows, setWorkflows] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      requestJson<{ user: UserJson; signInLink: SignInLinkJson }>("/api/v1/users", {
        method: "POST",
        body: { email, ...(name.trim() ? { name } : {}), roles, workflows: roles.includes("owner") ? workflows : [] },
      }),
    onSuccess: ({ user, signInLink }) => {
      setEmail("");
      setName("");
      setRoles(["viewer"]);
      setWorkflows([]);
      onCreated(user, signInLink);
    },
  });
  const errors = fieldErrorsOf(create.error);
  return (
    <form
      className="admin-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <div className="admin-form-row">
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? `${id}-email-error` : undefined}
          />
          {errors.email && (
            <p id={`${id}-email-error`} className="field-error">
              {errors.email}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${id}-name-error` : undefined}
          />
          {errors.name && (
            <p id={`${id}-name-error`} className="field-error">
              {errors.name}
            </p>
          )}
        </div>
      </div>
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} error={errors.roles} />
      {roles.includes("owner") && (
        <CheckboxGroup
          legend="Owner of workflows"
          hint="The workflows whose readiness checklist this owner edits."
          options={workflowOptions}
          value={workflows}
          onChange={setWorkflows}
          error={errors.workflows}
          empty="No workflows are registered yet."
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user and create a sign-in link"}
        </button>
        <FormMessage outcome={create.isError ? { kind: "error", text: messageOf(create.error) } : null} />
      </div>
    </form>
  );
}

function UserEditor({
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
  const id = useId();
  const [name, setName] = useState(user.name ?? "");
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [workflows, setWorkflows] = useState<string[]>(user.workflows);
  const errors = fieldErrorsOf(error);
  return (
    <form
      className="admin-form admin-editor"
      aria-label={`Edit ${user.email}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ name: name.trim() || null, roles, workflows: roles.includes("owner") ? workflows : [] });
      }}
    >
      <h3>Edit {user.email}</h3>
      <div className="field admin-field-narrow">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errors.name ? true : undefined} />
        {errors.name && <p className="field-error">{errors.name}</p>}
      </div>
      <CheckboxGroup legend="Roles" options={ROLE_OPTIONS} value={roles} onChange={setRoles} error={errors.roles} />
      {roles.includes("owner") && (
        <CheckboxGroup
          legend="Owner of workflows"
          hint="The workflows whose readiness checklist this owner edits."
          options={workflowOptions}
          value={workflows}
          onChange={setWorkflows}
          error={errors.workflows}
          empty="No workflows are registered yet."
        />
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <FormMessage outcome={error ? { kind: "error", text: messageOf(error) } : null} />
      </div>
    </form>
  );
}
