"use client";
// The signed-in user's own account: who they are to Tollgate (roles, owned workflows), setting or changing their
// password, and signing out.
import { useId, useState } from "react";
import { FetchError, requestJson } from "@/lib/ui/fetchJson";
import { ROLE_DESCRIPTIONS } from "@/lib/ui/labels";
import type { Role } from "@/lib/contract/vocabulary";

export function AccountView(props: {
  email: string;
  name: string | null;
  roles: Role[];
  workflows: string[];
  hasPassword: boolean;
  sso: boolean;
  welcome: boolean;
}) {
  const id = useId();
  const [hasPassword, setHasPassword] = useState(props.hasPassword);
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function changePassword(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setStatus(null);
    try {
      await requestJson("/api/auth/password", { method: "PUT", body: { newPassword: next, ...(hasPassword ? { currentPassword: current } : {}) } });
      setStatus({ ok: true, message: hasPassword ? "Password changed." : "Password set. You can now sign in with your email and this password." });
      setHasPassword(true);
      setCurrent("");
      setNext("");
    } catch (failure) {
      const field = failure instanceof FetchError ? failure.fieldErrors[0] : undefined;
      const message = field ? `${field.path === "currentPassword" ? "Current password" : "New password"} ${field.message}.` : (failure as Error).message;
      setStatus({ ok: false, message });
    } finally {
      setPending(false);
    }
  }

  async function signOut() {
    const { redirect } = await requestJson<{ redirect: string }>("/api/auth/sign-out", { method: "POST" });
    window.location.assign(redirect);
  }

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Your account</h1>
          <p className="subtitle">
            Signed in as <strong>{props.name ? `${props.name} (${props.email})` : props.email}</strong>
          </p>
        </div>
        <button type="button" className="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      {props.welcome && (
        <p className="form-status ok" role="status">
          Welcome to Tollgate. {hasPassword ? "" : "Set a password below to sign in again later (or use single sign-on if your organisation has it)."}
        </p>
      )}
      <section className="card" aria-labelledby={`${id}-roles`}>
        <h2 id={`${id}-roles`}>Your roles</h2>
        <ul className="role-list">
          {props.roles.map((role) => (
            <li key={role}>
              <strong>{role}</strong>: {ROLE_DESCRIPTIONS[role]}
              {role === "owner" && (props.workflows.length ? ` (${props.workflows.join(", ")})` : " (no workflows assigned yet)")}
            </li>
          ))}
        </ul>
      </section>
      {props.sso ? (
        <section className="card">
          <h2>Password</h2>
          <p className="muted">You sign in with single sign-on; Tollgate keeps no password for you.</p>
        </section>
      ) : (
        <section className="card" aria-labelledby={`${id}-password`}>
          <h2 id={`${id}-password`}>{hasPassword ? "Change your password" : "Set a password"}</h2>
          <form onSubmit={changePassword} className="sign-in-form" noValidate>
            {hasPassword && (
              <div className="field">
                <label htmlFor={`${id}-current`}>Current password</label>
                <input id={`${id}-current`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
              </div>
            )}
            <div className="field">
              <label htmlFor={`${id}-new`}>New password</label>
              <input id={`${id}-new`} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} aria-describedby={`${id}-hint`} />
              <span id={`${id}-hint`} className="hint">
                At least 12 characters.
              </span>
            </div>
            <div className="form-actions form-live" aria-live="polite">
              <button type="submit" className="button button-primary" disabled={pending || !next}>
                {pending ? "Saving…" : hasPassword ? "Change password" : "Set password"}
              </button>
              {status && <p className={`form-status ${status.ok ? "ok" : "error"}`}>{status.message}</p>}
            </div>
          </form>
        </section>
      )}
    </>
  );
}
