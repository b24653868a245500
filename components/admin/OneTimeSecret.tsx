"use client";
// A secret shown once (an API key, a sign-in link), with a copy button and a warning that it will not be shown again.
import { CopyButton } from "@/components/ui/CopyButton";

export function OneTimeSecret({ title, value, warning, onDismiss }: { title: string; value: string; warning: string; onDismiss: () => void }) {
  return (
    <section className="card one-time" aria-label={title} role="status">
      <h3>{title}</h3>
      <p className="notice one-time-warning">{warning}</p>
      <div className="one-time-value">
        <code className="secret">{value}</code>
        <CopyButton text={value} />
      </div>
      <button type="button" className="button button-sm mt-8" onClick={onDismiss}>
        Done, hide it
      </button>
    </section>
  );
}
