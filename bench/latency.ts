// Latency of read endpoints: sequential GETs timed from request to the last byte of the body.
import { quantile } from "@/lib/metrics/quantiles";
import { progress } from "@/lib/cli/progress";

/** Requests per endpoint before timing starts: route modules load, caches and the database's pages warm up. */
const WARM_UPS = 5;

export interface Endpoint {
  name: string;
  /** Paths with query strings; requests go through them in turn. */
  paths: readonly string[];
}

export type LatencyFigures =
  | { name: string; status: "measured"; samples: number; p50Ms: number; p95Ms: number; maxMs: number; non2xx: number; firstFailure: string | null }
  | { name: string; status: "missing" };

interface Timed {
  ms: number;
  status: number;
  contentType: string;
  body: string;
}

async function timedGet(url: string, headers: Record<string, string>): Promise<Timed> {
  const started = performance.now();
  // A redirect (to /sign-in, when the credential is not accepted) is a failure, not a page to follow and time.
  const response = await fetch(url, { headers, redirect: "manual" });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, contentType: response.headers.get("content-type") ?? "", body };
}

/**
 * A route that does not exist yet answers with Next's HTML 404 page; an existing API route's 404 is JSON (for
 * example an unknown workflow) and counts as a failed request instead.
 */
function isMissingRoute(response: Timed): boolean {
  return response.status === 404 && !response.contentType.includes("application/json");
}

export async function measureLatency(options: {
  baseUrl: string;
  /** The credential: an API key's Authorization header, or a signed-in user's session cookie for pages. */
  headers: Record<string, string>;
  endpoint: Endpoint;
  samples: number;
}): Promise<LatencyFigures> {
  const { baseUrl, headers, endpoint, samples } = options;
  const urlAt = (i: number) => baseUrl + endpoint.paths[i % endpoint.paths.length]!;

  for (let i = 0; i < WARM_UPS; i++) {
    const response = await timedGet(urlAt(i), headers);
    if (isMissingRoute(response)) return { name: endpoint.name, status: "missing" };
  }

  const bar = progress(endpoint.name, samples);
  const durations: number[] = [];
  let non2xx = 0;
  let firstFailure: string | null = null;
  for (let i = 0; i < samples; i++) {
    const response = await timedGet(urlAt(i), headers);
    durations.push(response.ms);
    if (response.status < 200 || response.status > 299) {
      non2xx += 1;
      firstFailure ??= `${response.status} GET ${urlAt(i).slice(baseUrl.length)}: ${response.body.slice(0, 300)}`;
    }
    bar.update(i + 1);
  }
  bar.finish();
  durations.sort((a, b) => a - b);
  return {
    name: endpoint.name,
    status: "measured",
    samples,
    p50Ms: quantile(durations, 0.5)!,
    p95Ms: quantile(durations, 0.95)!,
    maxMs: durations[durations.length - 1]!,
    non2xx,
    firstFailure,
  };
}
