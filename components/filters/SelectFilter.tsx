"use client";
import { useId } from "react";

export interface Option {
  value: string;
  label: string;
}

/** A labelled select; "" is the "all" option. */
export function SelectFilter({
  label,
  value,
  options,
  allLabel,
  onChange,
  name,
}: {
  label: string;
  value: string;
  options: Option[];
  allLabel?: string;
  onChange: (value: string) => void;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id} className="filter-label">
        {label}
      </label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} className="select">
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        <OptionList options={options} />
      </select>
    </div>
  );
}

/** A select's options, each with its value and its label. */
export function OptionList({ options }: { options: Option[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}
