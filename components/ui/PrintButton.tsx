"use client";
import { PrintIcon } from "./icons";

export function PrintButton({ label = "Print board pack" }: { label?: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      <PrintIcon size={14} />
      {label}
    </button>
  );
}
