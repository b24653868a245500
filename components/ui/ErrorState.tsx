"use client";
// A failed load: what went wrong in words, and a way to try again.
import { AlertIcon, RefreshIcon } from "./icons";

export function ErrorState({
  title = "This data could not be loaded",
  message,
  onRetry,
  retrying = false,
}: {
  title?: string;
  message?: string;
  onRetry?: () => void;
  retrying?: boolean;
}) {
  return (
    <div className="card state state-error" role="alert">
      <AlertIcon size={22} className="state-icon" />
      <div>
        <h3>{title}</h3>
        {message && <p className="muted">{message}</p>}
        {onRetry && (
          <button type="button" className="button" onClick={onRetry} disabled={retrying}>
            <RefreshIcon size={14} />
            {retrying ? "Retrying…" : "Retry"}
          </button>
        )}
      </div>
    </div>
  );
}
