"use client";
// A form field: its label, an optional hint, the control, and the server's error for it beside the control. The
// control is told its id and what describes it, so assistive technology reads the hint and the error with it.
import { useId, type InputHTMLAttributes, type ReactNode } from "react";

interface FieldControl {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** The ids of a field's hint and error, as an aria-describedby value (undefined when it has neither). */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A field whose control is a one-line input. */
export function TextField({
  label,
  hint,
  error,
  className,
  type = "text",
  ...input
}: { label: string; hint?: string; error?: string; className?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className">) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => <input type={type} {...input} {...control} />}
    </Field>
  );
}
