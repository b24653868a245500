"use client";
// What an administration screen shows until its data is there: a skeleton while loading, an error with a retry
// when the load failed, then the content.
import type { ReactNode } from "react";
import { ErrorState } from "@/components/ui/ErrorState";
import { TableSkeleton } from "@/components/ui/Skeleton";

interface Loadable {
  isPending: boolean;
  isFetching: boolean;
  error: Error | null;
  refetch: () => unknown;
}

export function LoadState({
  query,
  error = query.error,
  errorTitle,
  rows,
  children,
}: {
  query: Loadable;
  /** The error to show instead of the content; the query's own unless given. */
  error?: Error | null;
  errorTitle: string;
  /** How many rows the skeleton has. */
  rows: number;
  children: ReactNode;
}) {
  if (query.isPending) return <TableSkeleton rows={rows} />;
  if (error) return <ErrorState title={errorTitle} message={error.message} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  return children;
}
