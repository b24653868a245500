"use client";
// Users: the list with roles, owner workflows and how each signs in; a form to add a user (which answers with a
// one-time sign-in link to hand over), and per user: edit roles and workflows, disable or enable, a new link.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";
import { formatInstant } from "@/lib/ui/format";
import { ROLE_LABELS } from "@/lib/ui/labels";
import { ActiveBadge, AdminTable, FormCard, RowActions, TableCard, TagList } from "@/components/admin/AdminTable";
import { ConfirmButton } from "@/components/admin/ConfirmButton";
import { errorOutcome, FormMessage, type Outcome } from "@/components/ui/FormMessage";
import { LoadState } from "@/components/admin/LoadState";
import { OneTimeSecret } from "@/components/admin/OneTimeSecret";
import type { SignInLinkJson, UserJson, WorkflowOption } from "@/components/admin/types";
import { useAdminData } from "@/components/admin/useAdminData";
import { workflowChoices, workflowNamer } from "@/components/admin/workflows";
import { CreateUserForm } from "./CreateUserForm";
import { UserEditor } from "./UserEditor";

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
  const { query: users, refresh } = useAdminData(["admin", "users"], "/api/v1/users", (body: { users: UserJson[] }) => body.users, initialUsers);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const workflowOptions = workflowChoices(workflows);
  const workflowName = workflowNamer(workflows);

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
    onError: (error) => setOutcome(errorOutcome(error)),
  });

  const newLink = useMutation({
    mutationFn: (user: UserJson) =>
      requestJson<{ signInLink: SignInLinkJson }>(`/api/v1/users/${encodeURIComponent(user.id)}/sign-in-link`, { method: "POST" }),
    onSuccess: ({ signInLink }, user) => {
      setIssued({ email: user.email, link: signInLink, created: false });
      setOutcome({ kind: "ok", text: `A new one-time sign-in link for ${user.email} is shown above.` });
    },
    onError: (error) => setOutcome(errorOutcome(error)),
  });

  const userRow = (user: UserJson) => (
    <tr key={user.id}>
      <th scope="row">
        <div className="strong">{user.name ?? user.email}</div>
        {user.name && <div className="muted small">{user.email}</div>}
        {user.email === currentEmail && <div className="muted small">(you)</div>}
      </th>
      <td>
        <TagList tags={user.roles.map((role) => ROLE_LABELS[role] ?? role)} />
      </td>
      <td className="small">{user.workflows.length ? user.workflows.map(workflowName).join(", ") : <span className="muted">—</span>}</td>
      <td className="small">{signInMethods(user)}</td>
      <td>
        <ActiveBadge endedAt={user.disabledAt} ended="Disabled" timezone={timezone} />
      </td>
      <RowActions>
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
      </RowActions>
    </tr>
  );

  const editorRow = (user: UserJson) => (
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
  );

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

      <TableCard
        titleId="users-heading"
        title="Users"
        description={<p className="muted small">Users are disabled, never deleted: the audit trail names them.</p>}
        aside={<FormMessage outcome={outcome} />}
      >
        <LoadState query={users} errorTitle="The users could not be loaded" rows={4}>
          <AdminTable
            caption="Users with their roles, owner workflows, sign-in methods and state"
            columns={["User", "Roles", "Owner of", "Signs in with", "State"]}
            withActions
            empty={users.data.length === 0 && "No users yet. Add the first one below."}
          >
            {users.data.map((user) => (editing === user.id ? editorRow(user) : userRow(user)))}
          </AdminTable>
        </LoadState>
      </TableCard>

      <FormCard titleId="add-user-heading" title="Add a user">
        <CreateUserForm
          workflowOptions={workflowOptions}
          onCreated={(user, link) => {
            setIssued({ email: user.email, link, created: true });
            setOutcome({ kind: "ok", text: `Added ${user.email}. Their one-time sign-in link is shown above.` });
            void refresh();
            window.scrollTo({ top: 0, behavior: "smooth" });
          }}
        />
      </FormCard>
    </>
  );
}

function signInMethods(user: UserJson): string {
  const methods = [user.sso ? "Single sign-on" : null, user.hasPassword ? "Password" : null].filter(Boolean);
  return methods.length ? methods.join(", ") : "Sign-in link only";
}
