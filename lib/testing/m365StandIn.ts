// A local stand-in for Microsoft 365, started by the pull tests and the pull drill on 127.0.0.1: Entra ID's token
// endpoint (client secret or certificate assertion), the Office 365 Management Activity API (subscriptions list and
// start, content listing in pages through NextPageUri, blobs) and the Dataverse Web API's conversationtranscripts
// (Prefer: odata.maxpagesize, @odata.nextLink), as Microsoft documents them. Faults are switched on per test: 429s,
// a looping page link, tokens expiring mid-run, refused credentials, a blob that is not JSON.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { TranscriptRow } from "@/lib/sources/samples/story";
import { auditTime } from "@/lib/sources/derive/purview";

export const STAND_IN_TENANT = "7f3c1a52-0d4e-4b6a-9c1e-2a5b8d9e0f11";
export const STAND_IN_CLIENT = "5e0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
export const STAND_IN_SECRET = "stand-in-secret-value-Qx7~never-shown";

export interface Blob {
  contentId: string;
  /** When the blob became listable: the listing's startTime/endTime select on it. */
  contentCreated: Date;
  /** The AuditData records, or raw text (a blob that is not JSON). */
  records: Record<string, unknown>[] | string;
}

export interface DataverseRow extends TranscriptRow {
  modifiedon: string;
}

export interface StandInFaults {
  /** The next listing requests answer 429 with Retry-After: 0. */
  listing429: number;
  /** Content listing pages point back to the first page after this many pages (a looping NextPageUri). */
  loopAfterPages: number | null;
  /** Every token issued so far stops working after this many more API requests (a token expiring mid-run). */
  expireTokensAfter: number | null;
  /** Management API answers 403 (the app lacks ActivityFeed.Read). */
  forbidden: boolean;
  /** Starting the subscription is refused with this code (AF20023: an admin disabled it). */
  startRefused: string | null;
  /** Each blob is answered this much later (a slow tenant, so a drill can kill a run half-way). */
  blobDelayMs: number;
}

export interface M365StandIn {
  url: string;
  /** TOLLGATE_M365_* for a connection to the stand-in. */
  env: Record<string, string>;
  /** The Dataverse environment's address in the stand-in. */
  dataverseUrl: string;
  blobs: Blob[];
  rows: DataverseRow[];
  faults: StandInFaults;
  subscriptionEnabled: boolean;
  /** Counters the tests read. */
  counts: { tokens: number; listings: number; blobFetches: number; dataversePages: number; refusedTokens: number; expiredTokenAnswers: number };
  /** Each request as "METHOD path" (query included), and the Authorization header sent to other origins never arrives here. */
  log: string[];
  /** The public certificate a certificate-based client signs for; set it to accept client assertions. */
  certificate: crypto.X509Certificate | null;
  close(): Promise<void>;
}

const LISTING_PAGE_SIZE = 2;

export async function startM365StandIn(): Promise<M365StandIn> {
  const tokens = new Map<string, { resource: string; valid: boolean }>();
  let apiRequestsUntilExpiry: number | null = null;
  const standIn = {
    blobs: [] as Blob[],
    rows: [] as DataverseRow[],
    faults: { listing429: 0, loopAfterPages: null, expireTokensAfter: null, forbidden: false, startRefused: null, blobDelayMs: 0 } as StandInFaults,
    subscriptionEnabled: false,
    counts: { tokens: 0, listings: 0, blobFetches: 0, dataversePages: 0, refusedTokens: 0, expiredTokenAnswers: 0 },
    log: [] as string[],
    certificate: null as crypto.X509Certificate | null,
  } as M365StandIn;

  const json = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

  function issueToken(form: URLSearchParams, response: http.ServerResponse) {
    const refuse = (code: string, description: string) => {
      standIn.counts.refusedTokens++;
      // Entra ID's descriptions can echo what was sent: Tollgate must never repeat them.
      json(response, 401, { error: "invalid_client", error_description: `${code}: ${description} Sent: ${form.get("client_secret") ?? ""}` });
    };
    if (form.get("grant_type") !== "client_credentials") return json(response, 400, { error: "unsupported_grant_type" });
    if (form.get("client_id") !== STAND_IN_CLIENT) return refuse("AADSTS700016", "Application not found in the directory.");
    const assertion = form.get("client_assertion");
    if (assertion) {
      if (!standIn.certificate || !verifyAssertion(assertion, standIn.certificate, `${standIn.url}/${STAND_IN_TENANT}/oauth2/v2.0/token`)) return refuse("AADSTS700027", "Client assertion failed signature validation.");
    } else if (form.get("client_secret") !== STAND_IN_SECRET) return refuse("AADSTS7000215", "Invalid client secret provided.");
    const scope = form.get("scope") ?? "";
    if (!scope.endsWith("/.default")) return json(response, 400, { error: "invalid_scope" });
    const token = `tok-${crypto.randomBytes(12).toString("hex")}`;
    tokens.set(token, { resource: scope.slice(0, -"/.default".length), valid: true });
    standIn.counts.tokens++;
    json(response, 200, { token_type: "Bearer", expires_in: 3599, access_token: token });
  }

  /** True when the bearer token is good for `resource`; answers 401 otherwise. */
  function authorized(request: http.IncomingMessage, response: http.ServerResponse, resource: string): boolean {
    if (apiRequestsUntilExpiry === null && standIn.faults.expireTokensAfter !== null) apiRequestsUntilExpiry = standIn.faults.expireTokensAfter;
    if (apiRequestsUntilExpiry !== null && apiRequestsUntilExpiry-- <= 0) {
      for (const entry of tokens.values()) entry.valid = false;
      apiRequestsUntilExpiry = null;
      standIn.faults.expireTokensAfter = null;
    }
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    const entry = token ? tokens.get(token) : undefined;
    if (entry?.valid && entry.resource === resource) return true;
    if (entry && !entry.valid) standIn.counts.expiredTokenAnswers++;
    json(response, 401, { error: { code: "InvalidToken", message: "Access token has expired or is not yet valid." } });
    return false;
  }

  function management(url: URL, request: http.IncomingMessage, response: http.ServerResponse) {
    if (!authorized(request, response, standIn.url)) return;
    if (standIn.faults.forbidden) return json(response, 403, { error: { code: "AF10001", message: "The permission set () sent in the request does not include the expected permission ActivityFeed.Read." } });
    const feed = `/api/v1.0/${STAND_IN_TENANT}/activity/feed/subscriptions`;
    if (url.pathname === `${feed}/list`) return json(response, 200, standIn.subscriptionEnabled ? [{ contentType: "Audit.General", status: "enabled", webhook: null }] : []);
    if (url.pathname === `${feed}/start` && request.method === "POST") {
      if (url.searchParams.get("contentType") !== "Audit.General") return json(response, 400, { error: { code: "AF20021", message: "Invalid content type." } });
      if (standIn.faults.startRefused) return json(response, 400, { error: { code: standIn.faults.startRefused, message: "The subscription was disabled by an administrator." } });
      if (standIn.subscriptionEnabled) return json(response, 400, { error: { code: "AF20024", message: "The subscription is already enabled." } });
      standIn.subscriptionEnabled = true;
      return json(response, 200, { contentType: "Audit.General", status: "enabled", webhook: null });
    }
    if (url.pathname === `${feed}/content`) {
      if (!standIn.subscriptionEnabled) return json(response, 400, { error: { code: "AF20022", message: "No subscription found for the specified content type." } });
      if (standIn.faults.listing429 > 0) {
        standIn.faults.listing429--;
        return json(response, 429, { error: { code: "AF429", message: "Too many requests." } }, { "retry-after": "0" });
      }
      standIn.counts.listings++;
      const start = new Date(`${url.searchParams.get("startTime")}Z`);
      const end = new Date(`${url.searchParams.get("endTime")}Z`);
      if (!(end > start) || end.getTime() - start.getTime() > 24 * 3600 * 1000) {
        return json(response, 400, { error: { code: "AF20055", message: "Start time and end time must both be specified, within 24 hours of each other." } });
      }
      const listed = standIn.blobs.filter((b) => b.contentCreated >= start && b.contentCreated < end).sort((a, b) => a.contentCreated.getTime() - b.contentCreated.getTime());
      const page = Number(url.searchParams.get("nextPage") ?? 0);
      const items = listed.slice(page * LISTING_PAGE_SIZE, (page + 1) * LISTING_PAGE_SIZE).map((b) => ({
        contentType: "Audit.General",
        contentId: b.contentId,
        contentUri: `${standIn.url}/blobs/${encodeURIComponent(b.contentId)}`,
        contentCreated: b.contentCreated.toISOString(),
        contentExpiration: new Date(b.contentCreated.getTime() + 7 * 86400_000).toISOString(),
      }));
      const headers: Record<string, string> = {};
      const loop = standIn.faults.loopAfterPages !== null && page + 1 >= standIn.faults.loopAfterPages;
      if ((page + 1) * LISTING_PAGE_SIZE < listed.length || loop) {
        const next = new URL(url);
        if (loop) next.searchParams.delete("nextPage");
        else next.searchParams.set("nextPage", String(page + 1));
        headers.NextPageUri = `${standIn.url}${next.pathname}${next.search}`;
      }
      return json(response, 200, items, headers);
    }
    json(response, 404, { error: { code: "NotFound", message: "No such resource." } });
  }

  function blob(url: URL, request: http.IncomingMessage, response: http.ServerResponse) {
    if (!authorized(request, response, standIn.url)) return;
    const found = standIn.blobs.find((b) => `/blobs/${encodeURIComponent(b.contentId)}` === url.pathname);
    if (!found) return json(response, 404, { error: { code: "AF20051", message: "Content not found." } });
    standIn.counts.blobFetches++;
    const body = typeof found.records === "string" ? found.records : JSON.stringify(found.records);
    setTimeout(() => response.writeHead(200, { "content-type": "application/json" }).end(body), standIn.faults.blobDelayMs);
  }

  function dataverse(url: URL, request: http.IncomingMessage, response: http.ServerResponse) {
    if (!authorized(request, response, standIn.dataverseUrl)) return;
    if (url.pathname !== "/dv/api/data/v9.2/conversationtranscripts") return json(response, 404, { error: { code: "0x80060888", message: "Resource not found." } });
    const filter = /^modifiedon gt (\S+)$/.exec(url.searchParams.get("$filter") ?? "");
    if (!filter) return json(response, 400, { error: { code: "0x80040203", message: "Expected a filter on modifiedon." } });
    const after = new Date(filter[1]!);
    const size = Number(/odata\.maxpagesize=(\d+)/.exec(String(request.headers.prefer ?? ""))?.[1] ?? 5000);
    const rows = standIn.rows.filter((r) => new Date(r.modifiedon) > after).sort((a, b) => a.modifiedon.localeCompare(b.modifiedon));
    const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
    standIn.counts.dataversePages++;
    const body: Record<string, unknown> = { "@odata.context": `${standIn.dataverseUrl}/api/data/v9.2/$metadata#conversationtranscripts`, value: rows.slice(skip, skip + size) };
    if (skip + size < rows.length) {
      const next = new URL(url);
      next.searchParams.set("$skiptoken", String(skip + size));
      body["@odata.nextLink"] = `${standIn.url}${next.pathname}${next.search}`;
    }
    json(response, 200, body, { "preference-applied": `odata.maxpagesize=${size}` });
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", standIn.url);
      standIn.log.push(`${request.method} ${url.pathname}${url.search}`);
      if (url.pathname === `/${STAND_IN_TENANT}/oauth2/v2.0/token` && request.method === "POST") return issueToken(new URLSearchParams(Buffer.concat(chunks).toString("utf8")), response);
      if (url.pathname.startsWith("/api/v1.0/")) return management(url, request, response);
      if (url.pathname.startsWith("/blobs/")) return blob(url, request, response);
      if (url.pathname.startsWith("/dv/")) return dataverse(url, request, response);
      json(response, 404, { error: "not_found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.dataverseUrl = `${standIn.url}/dv`;
  standIn.env = {
    TOLLGATE_M365_TENANT_ID: STAND_IN_TENANT,
    TOLLGATE_M365_CLIENT_ID: STAND_IN_CLIENT,
    TOLLGATE_M365_CLIENT_SECRET: STAND_IN_SECRET,
    TOLLGATE_M365_LOGIN_URL: standIn.url,
    TOLLGATE_M365_MANAGEMENT_URL: standIn.url,
  };
  standIn.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  server.on("connection", (socket) => socket.unref());
  return standIn;
}

/** A client assertion (JWT, RS256) signed by the certificate's key, for this token endpoint, naming the certificate. */
function verifyAssertion(assertion: string, certificate: crypto.X509Certificate, audience: string): boolean {
  const [header, payload, signature] = assertion.split(".");
  if (!header || !payload || !signature) return false;
  const head = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const thumbprint = crypto.createHash("sha1").update(certificate.raw).digest("base64url");
  const signed = crypto.verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), certificate.publicKey, Buffer.from(signature, "base64url"));
  return signed && head.alg === "RS256" && head.x5t === thumbprint && claims.aud === audience && claims.iss === STAND_IN_CLIENT && claims.sub === STAND_IN_CLIENT;
}

/** The sample's AuditData records as blobs, one per hour of CreationTime, each listable `delayMs` after its hour ends. */
export function blobsOf(records: readonly Record<string, unknown>[], delayMs = 20 * 60 * 1000): Blob[] {
  const byHour = new Map<number, Record<string, unknown>[]>();
  for (const record of records) {
    const hour = Math.floor(auditTime(record.CreationTime)!.getTime() / 3600_000);
    byHour.set(hour, [...(byHour.get(hour) ?? []), record]);
  }
  return [...byHour].map(([hour, hourRecords]) => ({
    contentId: `blob-${hour}`,
    contentCreated: new Date((hour + 1) * 3600_000 + delayMs),
    records: hourRecords,
  }));
}
