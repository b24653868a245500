"use client";
// A page that failed to load: say so, and offer to try again (the database may have been busy or restarting).
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { ErrorState } from "@/components/ui/ErrorState";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  return (
    <ErrorState
      title="This page could not be loaded"
      message={`Tollgate could not read the data for this page${error.digest ? ` (reference ${error.digest})` : ""}. The server log has the details.`}
      onRetry={() =>
        startTransition(() => {
          router.refresh();
          reset();
        })
      }
    />
  );
}
