// The dashboard's requests to the API, with the session cookie; a state change also sends the session's CSRF token
// (the tollgate_csrf cookie, __Host-tollgate_csrf over HTTPS: double submit). A non-2xx answer becomes an Error carrying the API's own message.
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The API's field errors, by path. */
    readonly fieldErrors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

function csrfToken(): string {
  const match = /(?:^|;\s*)(?:__Host-)?tollgate_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]!) : "";
}

/** `file` sends a file as the body itself (an export to import), `body` sends JSON. */
export async function requestJson<T>(url: string, init: { method?: string; body?: unknown; file?: Blob; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET") headers["x-csrf-token"] = csrfToken();
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.file !== undefined) headers["content-type"] = "application/octet-stream";
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      signal: init.signal,
      headers,
      credentials: "same-origin",
      body: init.file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new FetchError(0, "The server could not be reached. Check the connection and try again.");
  }
  if (!response.ok) {
    let message = `The server answered ${response.status}.`;
    let fieldErrors: FetchError["fieldErrors"] = [];
    try {
      const body = (await response.json()) as { error?: { message?: string; errors?: FetchError["fieldErrors"] } };
      if (body.error?.message) message = body.error.message;
      fieldErrors = body.error?.errors ?? [];
    } catch {
      // not JSON: keep the status line
    }
    throw new FetchError(response.status, message, fieldErrors);
  }
  // No Content (a review claim with nothing left): null.
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}

export const fetchJson = <T>(url: string, signal?: AbortSignal) => requestJson<T>(url, { signal });
