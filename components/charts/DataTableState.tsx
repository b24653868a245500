"use client";
// Which charts show their data table. Kept above the charts, so a table a reader opened stays open while the charts
// reload for a new filter (they unmount behind a skeleton meanwhile).
import { createContext, useContext, useState } from "react";

interface OpenTables {
  isOpen(key: string): boolean;
  setOpen(key: string, open: boolean): void;
}

const Context = createContext<OpenTables | null>(null);

export function DataTableState({ children }: { children: React.ReactNode }) {
  const [open, setOpenKeys] = useState<ReadonlySet<string>>(new Set());
  const value: OpenTables = {
    isOpen: (key) => open.has(key),
    setOpen: (key, isOpen) =>
      setOpenKeys((current) => {
        if (current.has(key) === isOpen) return current;
        const next = new Set(current);
        if (isOpen) next.add(key);
        else next.delete(key);
        return next;
      }),
  };
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The open state of one chart's data table: remembered when inside DataTableState, local otherwise. */
export function useDataTableOpen(key: string): [boolean, (open: boolean) => void] {
  const shared = useContext(Context);
  const [local, setLocal] = useState(false);
  if (shared) return [shared.isOpen(key), (open) => shared.setOpen(key, open)];
  return [local, setLocal];
}
