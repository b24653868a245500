"use client";
// The date range of a dashboard: presets (last 4 weeks, last 12 weeks, since rollout start) and a custom range.
// Windows are local days in the installation timezone; the custom form asks for the last day to include.
import { useEffect, useId, useRef, useState } from "react";
import { addDays } from "@/lib/time";
import { formatWindow } from "@/lib/ui/format";
import { PRESETS, matchPreset, presetWindow, type DateWindow, type PresetContext } from "@/lib/ui/windows";

export function DateRangePicker({
  value,
  context,
  onChange,
}: {
  value: DateWindow;
  context: PresetContext;
  onChange: (window: DateWindow) => void;
}) {
  const id = useId();
  const active = matchPreset(value, context);
  const [customOpen, setCustomOpen] = useState(false);
  const [from, setFrom] = useState(value.from);
  const [through, setThrough] = useState(addDays(value.to, -1));
  const [error, setError] = useState<string | null>(null);
  const firstInput = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (customOpen) firstInput.current?.focus();
  }, [customOpen]);

  const openCustom = () => {
    setFrom(value.from);
    setThrough(addDays(value.to, -1));
    setError(null);
    setCustomOpen((open) => !open);
  };

  return (
    <div className="range-picker">
      <span className="filter-label" id={`${id}-label`}>
        Date range
      </span>
      <div className="segmented" role="group" aria-labelledby={`${id}-label`}>
        {PRESETS.map((preset) => {
          const window = presetWindow(preset.key, context);
          return (
            <button
              key={preset.key}
              type="button"
              className="segment"
              aria-pressed={active === preset.key}
              disabled={!window}
              title={window ? formatWindow(window.from, window.to) : "No rollout start date is recorded"}
              onClick={() => {
                if (!window) return;
                setCustomOpen(false);
                onChange(window);
              }}
            >
              {preset.label}
            </button>
          );
        })}
        <button
          ref={toggle}
          type="button"
          className="segment"
          aria-pressed={active === null}
          aria-expanded={customOpen}
          aria-controls={`${id}-custom`}
          onClick={openCustom}
        >
          Custom…
        </button>
      </div>
      <span className="range-current" aria-live="polite">
        {formatWindow(value.from, value.to)}
      </span>
      {customOpen && (
        <form
          id={`${id}-custom`}
          className="range-custom card"
          aria-label="Custom date range"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              setCustomOpen(false);
              toggle.current?.focus();
            }
          }}
          onSubmit={(event) => {
            event.preventDefault();
            if (!from || !through) return setError("Enter both dates.");
            if (through < from) return setError("The last day must not be before the first day.");
            setError(null);
            setCustomOpen(false);
            onChange({ from, to: addDays(through, 1) });
          }}
        >
          <label>
            <span>First day</span>
            <input ref={firstInput} type="date" value={from} max={through} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            <span>Last day</span>
            <input type="date" value={through} min={from} onChange={(e) => setThrough(e.target.value)} required />
          </label>
          <button type="submit" className="button button-primary button-sm">
            Apply
          </button>
          <button
            type="button"
            className="button button-ghost button-sm"
            onClick={() => {
              setCustomOpen(false);
              toggle.current?.focus();
            }}
          >
            Cancel
          </button>
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
