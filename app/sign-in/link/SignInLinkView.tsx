"use client";
// A one-time sign-in link lands here; the link is used only when its owner presses the button (mail scanners that
// open links do not press buttons).
import Link from "next/link";
import { useState } from "react";
import { requestJson } from "@/lib/ui/fetchJson";

export function SignInLinkView({ token, email }: { token: string; email: string | null }) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function continueSignIn() {
    setPending(true);
    setMessage(null);
    try {
      const { redirect } = await requestJson<{ redirect: string }>("/api/auth/link", { method: "POST", body: { token } });
      window.location.assign(redirect);
    } catch (failure) {
      setMessage((failure as Error).message);
      setPending(false);
    }
  }

  if (!email) {
    return (
      <section className="card sign-in">
        <h1>This link does not work</h1>
        <p className="muted">It is invalid, already used or expired (links work once, for 24 hours). Ask an admin for a new one.</p>
        <Link href="/sign-in" className="button">
          Go to sign-in
        </Link>
      </section>
    );
  }
  return (
    <section className="card sign-in">
      <h1>Sign in to Tollgate</h1>
      <p>
        This one-time link signs you in as <strong>{email}</strong>.
      </p>
      {message && (
        <p className="form-status error" role="alert">
          {message}
        </p>
      )}
      <button type="button" className="button button-primary" onClick={continueSignIn} disabled={pending}>
        {pending ? "Signing in…" : `Continue as ${email}`}
      </button>
    </section>
  );
}
