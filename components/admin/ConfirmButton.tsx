"use client";
// A button for an action that cannot be undone: the first press asks, in place, for confirmation.
import { useEffect, useRef, useState } from "react";

export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  pending = false,
  pendingLabel = "Working…",
  className = "button button-sm",
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  pendingLabel?: string;
  className?: string;
}) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (pending) {
    return (
      <button type="button" className={className} disabled>
        {pendingLabel}
      </button>
    );
  }
  if (!asking) {
    return (
      <button type="button" className={className} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        ref={confirm}
        type="button"
        className="button button-sm button-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button-sm button-ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
