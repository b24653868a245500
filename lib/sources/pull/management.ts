// The Office 365 Management Activity API, as Microsoft documents it: the Audit.General subscription is started when
// it is not; content is listed per window of at most 24 hours within the last 7 days, page by page through the
// NextPageUri header; each listed blob (contentUri) is a JSON array of AuditData records. Records come out parsed,
// for the file import's Purview parser.
import { errorCodeOf, type ApiClient } from "./http";
import { managementRefusal, PullError } from "./errors";
import type { Parsed } from "@/lib/sources/formats/text";
import { PageLinks, type Feed } from "./feed";

const CONTENT_TYPE = "Audit.General";
const HOUR = 3600 * 1000;
/** The API lists content at most 24 hours at a time… */
export const MAX_WINDOW_MS = 24 * HOUR;
/** …and keeps it 7 days; a start a little short of that stays inside the limit while the run takes its time. */
export const RETENTION_MS = 7 * 24 * HOUR - HOUR;

export interface Window {
  start: Date;
  end: Date;
}

export function windowsOf(from: Date, to: Date, maxMs = MAX_WINDOW_MS): Window[] {
  const windows: Window[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += maxMs) windows.push({ start: new Date(start), end: new Date(Math.min(start + maxMs, to.getTime())) });
  return windows;
}

/** The API's time format: UTC, to the second. */
const apiTime = (date: Date) => date.toISOString().slice(0, 19);

interface ListedContent {
  contentId: string;
  contentUri: string;
}

export interface ManagementProgress {
  windows: number;
  windowsDone: number;
  pages: number;
  blobs: number;
}

export class ManagementFeed {
  readonly progress: ManagementProgress = { windows: 0, windowsDone: 0, pages: 0, blobs: 0 };
  private readonly feedBase: string;

  constructor(
    private readonly client: ApiClient,
    tenantId: string,
    private readonly feed: Feed,
  ) {
    this.feedBase = `${client.resource}/api/v1.0/${encodeURIComponent(tenantId)}/activity/feed`;
  }

  /** Starts Audit.General unless the tenant's subscription list shows it enabled. */
  async ensureSubscription(): Promise<void> {
    const listed = await this.client.request(`${this.feedBase}/subscriptions/list`);
    if (!listed.ok) throw managementRefusal(listed.status, await errorCodeOf(listed), "the subscription list");
    const subscriptions = (await listed.json().catch(() => [])) as { contentType?: unknown; status?: unknown }[];
    const audit = Array.isArray(subscriptions) ? subscriptions.find((s) => s.contentType === CONTENT_TYPE) : undefined;
    if (typeof audit?.status === "string" && audit.status.toLowerCase() === "enabled") return;
    const started = await this.client.request(`${this.feedBase}/subscriptions/start?contentType=${CONTENT_TYPE}`, { method: "POST" });
    if (started.ok) return void (await started.body?.cancel());
    const code = await errorCodeOf(started);
    // AF20024: the subscription is already enabled.
    if (code !== "AF20024") throw managementRefusal(started.status, code, "starting the Audit.General subscription");
  }

  /** The records of every blob listed in [from, to); each blob once, however many windows list it. */
  async *records(from: Date, to: Date): AsyncGenerator<Parsed<Record<string, unknown>>> {
    await this.ensureSubscription();
    const windows = windowsOf(from, to);
    this.progress.windows = windows.length;
    const fetched = new Set<string>();
    for (const window of windows) {
      for await (const content of this.listed(window)) {
        if (fetched.has(content.contentId)) continue;
        fetched.add(content.contentId);
        yield* this.blob(content);
      }
      this.progress.windowsDone++;
    }
  }

  private async *listed(window: Window): AsyncGenerator<ListedContent> {
    const links = new PageLinks(`The content listing of ${apiTime(window.start)}–${apiTime(window.end)}`);
    let url: string | null = `${this.feedBase}/subscriptions/content?contentType=${CONTENT_TYPE}&startTime=${apiTime(window.start)}&endTime=${apiTime(window.end)}`;
    while (url) {
      links.visit(url);
      const response = await this.client.request(url);
      if (!response.ok) throw managementRefusal(response.status, await errorCodeOf(response), "the content listing");
      this.progress.pages++;
      const page: unknown = await response.json().catch(() => null);
      if (!Array.isArray(page)) throw new PullError("bad_response", "The content listing was not a JSON array.");
      for (const item of page as Record<string, unknown>[]) {
        if (typeof item?.contentUri === "string" && typeof item.contentId === "string") yield { contentId: item.contentId, contentUri: item.contentUri };
        else this.feed.problem("A content listing entry had no contentUri or contentId; it was passed over.");
      }
      url = response.headers.get("NextPageUri");
    }
  }

  private async *blob(content: ListedContent): AsyncGenerator<Parsed<Record<string, unknown>>> {
    const response = await this.client.request(content.contentUri);
    this.progress.blobs++;
    if (!response.ok) {
      // Content expires after 7 days (or was never there): nothing to retry; the other blobs go on.
      if (response.status === 404 || response.status === 410) return this.feed.problem(`Blob ${content.contentId} is gone (HTTP ${response.status}).`);
      throw managementRefusal(response.status, await errorCodeOf(response), `blob ${content.contentId}`);
    }
    const text = await response.text();
    this.feed.fetched(text);
    let records: unknown;
    try {
      records = JSON.parse(text);
    } catch {
      return this.feed.problem(`Blob ${content.contentId} is not JSON; its records were not read.`);
    }
    if (!Array.isArray(records)) return this.feed.problem(`Blob ${content.contentId} is not a JSON array of records; it was not read.`);
    for (const record of records) yield this.feed.item(record);
  }
}
