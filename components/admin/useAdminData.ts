"use client";
// The data of an administration screen: rendered by the server first (initialData), then kept by TanStack Query;
// `refresh` refetches it after a change.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { requestJson } from "@/lib/ui/fetchJson";

export function useAdminData<Body, T extends object>(key: readonly string[], url: string, pick: (body: Body) => T, initialData: T) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => requestJson<Body>(url, { signal }).then(pick),
    initialData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  return { query, refresh };
}
