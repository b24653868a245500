// Copilot Studio transcripts from the Dataverse Web API: conversationtranscripts modified after the watermark, oldest
// first, in pages (Prefer: odata.maxpagesize) followed through @odata.nextLink. Rows come out parsed, for the file
// import's transcript parser, which joins a conversation's rows wherever they arrive.
import type { Parsed } from "@/lib/sources/formats/text";
import type { ApiClient } from "./http";
import { dataverseRefusal, PullError } from "./errors";
import { PageLinks, type Feed } from "./feed";

const COLUMNS = ["conversationtranscriptid", "name", "conversationstarttime", "createdon", "modifiedon", "content", "metadata"];
export const PAGE_SIZE = 100;

export interface DataverseProgress {
  pages: number;
  rows: number;
  /** The newest modifiedon read: the next watermark. */
  newestModifiedOn: Date | null;
}

export class DataverseFeed {
  readonly progress: DataverseProgress = { pages: 0, rows: 0, newestModifiedOn: null };

  constructor(
    private readonly client: ApiClient,
    private readonly feed: Feed,
  ) {}

  async *records(after: Date): AsyncGenerator<Parsed<Record<string, unknown>>> {
    const query = new URLSearchParams({
      $select: COLUMNS.join(","),
      $filter: `modifiedon gt ${after.toISOString()}`,
      $orderby: "modifiedon asc",
    });
    const links = new PageLinks("The conversationtranscripts listing");
    let url: string | null = `${this.client.resource}/api/data/v9.2/conversationtranscripts?${query.toString().replace(/\+/g, "%20")}`;
    while (url) {
      links.visit(url);
      const response = await this.client.request(url, { headers: { accept: "application/json", "odata-version": "4.0", prefer: `odata.maxpagesize=${PAGE_SIZE}` } });
      if (!response.ok) throw dataverseRefusal(response.status, "the conversationtranscripts query");
      const text = await response.text();
      this.feed.fetched(text);
      let page: { value?: unknown; "@odata.nextLink"?: unknown };
      try {
        page = JSON.parse(text) as typeof page;
      } catch {
        throw new PullError("bad_response", "Dataverse answered the conversationtranscripts query with a page that is not JSON.");
      }
      if (!Array.isArray(page.value)) throw new PullError("bad_response", "Dataverse answered the conversationtranscripts query without a value array.");
      this.progress.pages++;
      for (const row of page.value as Record<string, unknown>[]) {
        this.progress.rows++;
        const modified = typeof row?.modifiedon === "string" ? new Date(row.modifiedon) : null;
        if (modified && !Number.isNaN(modified.getTime()) && (!this.progress.newestModifiedOn || modified > this.progress.newestModifiedOn)) this.progress.newestModifiedOn = modified;
        yield this.feed.item(row);
      }
      url = typeof page["@odata.nextLink"] === "string" ? page["@odata.nextLink"] : null;
    }
  }
}
