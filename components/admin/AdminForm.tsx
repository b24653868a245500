"use client";
// The frame of every administration form: the browser's own validation is off (the server's field errors show
// beside the fields), and the submit row says what the button does and that it is working.
import type { FormHTMLAttributes, ReactNode } from "react";

export function AdminForm({
  onSubmit,
  className,
  children,
  ...form
}: { onSubmit: () => void; className?: string; children: ReactNode } & Omit<FormHTMLAttributes<HTMLFormElement>, "onSubmit" | "className">) {
  return (
    <form
      className={className ? `admin-form ${className}` : "admin-form"}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      {...form}
    >
      {children}
    </form>
  );
}

/** The submit button (its label while pending, e.g. "Saving…"), then anything beside it: Cancel, the outcome. */
export function SubmitRow({
  label,
  pendingLabel,
  pending,
  disabled = false,
  children,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </button>
      {children}
    </div>
  );
}
