"use client";
// A labelled group of checkboxes (roles, scopes, workflows): a fieldset with a legend, an optional hint and the
// server's error for the field.
import { useId } from "react";
import { describedBy } from "@/components/ui/Field";

export function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
  hint,
  error,
  empty = "Nothing to choose from.",
}: {
  legend: string;
  options: readonly { value: T; label: string; detail?: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  hint?: string;
  error?: string;
  empty?: string;
}) {
  const id = useId();
  return (
    <fieldset className="admin-fieldset" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {options.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <div className="choice-group">
          {options.map((option) => (
            <label key={option.value} className="choice choice-sm">
              <input
                type="checkbox"
                checked={value.includes(option.value)}
                onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))}
              />
              <span>
                {option.label}
                {option.detail && <span className="muted small"> — {option.detail}</span>}
              </span>
            </label>
          ))}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
