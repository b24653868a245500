"use client";
// Email and password, or single sign-on when it is configured. Errors come back in words: a wrong password, a
// throttled account (with when to try again), an expired link or an SSO account without a Tollgate role.
import { useId, useState } from "react";
import { FetchError, requestJson } from "@/lib/ui/fetchJson";

const ERRORS: Record<string, string> = {
  link_invalid: "This sign-in link is invalid, already used or expired. Ask an admin for a new one.",
  sso_no_role: "Your single sign-on account has no Tollgate role. Ask an admin to assign you one of the Tollgate app roles.",
  sso_disabled: "Your Tollgate account is disabled. Ask an admin to enable it.",
  sso_no_email: "Your single sign-on account has no email address Tollgate can use. Ask IT to add the email claim.",
  sso_unverified: "Your sign-on provider does not vouch for your email address, so Tollgate cannot create your account from it. Ask IT to send a verified email (in Entra ID, the xms_edov optional claim).",
  sso_conflict: "This email is already linked to another single sign-on account. Ask an admin to check your Tollgate user.",
  sso_denied: "The sign-on provider did not let you in: you may not be assigned to the Tollgate app. Ask IT.",
  sso_expired: "The single sign-on took too long or was started in another browser. Try again.",
  sso_unavailable: "The sign-on provider could not be reached. Try again in a minute, or sign in with your email and password.",
  sso_failed: "Single sign-on did not complete. Try again, or sign in with your email and password.",
};

export function SignInView({ next, error, sso }: { next: string; error: string | null; sso: { label: string } | null }) {
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(error ? (ERRORS[error] ?? "Sign-in did not complete. Try again.") : null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    try {
      const { redirect } = await requestJson<{ redirect: string }>("/api/auth/sign-in", { method: "POST", body: { email, password, next } });
      // A full load, so the navigation and every page render for the signed-in user.
      window.location.assign(redirect);
    } catch (failure) {
      setMessage(failure instanceof FetchError ? failure.message : "Sign-in failed.");
      setPending(false);
    }
  }

  return (
    <section className="card sign-in" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Sign in to Tollgate</h1>
      <p className="muted">Evidence-based gates for rolling out enterprise AI agents.</p>
      {message && (
        <p className="form-status error" role="alert">
          {message}
        </p>
      )}
      {sso && (
        <>
          <a className="button button-primary sign-in-sso" href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`}>
            {sso.label}
          </a>
          <p className="sign-in-divider muted">or with your email and password</p>
        </>
      )}
      <form onSubmit={submit} className="sign-in-form" noValidate>
        <div className="field">
          <label htmlFor={`${id}-email`}>Email</label>
          <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Password</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className={sso ? "button" : "button button-primary"} disabled={pending || !email || !password}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p className="hint muted">
        No account yet? An admin creates one with <code>npx tollgate users create --email you@example.com --role viewer</code> or on the Users
        page, and sends you a one-time sign-in link.
      </p>
    </section>
  );
}
