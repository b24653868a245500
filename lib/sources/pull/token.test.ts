// The app's sign-in against the stand-in's token endpoint: a client secret, a certificate (a client assertion signed
// with its key, naming its thumbprint, for the token endpoint), a cached token, and refusals told in words.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startM365StandIn, type M365StandIn } from "@/lib/testing/m365StandIn";
import { m365Connection, missingM365Settings } from "./config";
import { PullError } from "./errors";
import { TokenSource } from "./token";
import { ApiClient, DEFAULT_RETRY } from "./http";
import { startHttpReceiver } from "@/lib/testing/receivers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tollgate-cert-"));

/** A self-signed certificate and its key in one PEM file, as an admin uploads the public part to the app registration. */
function certificateFile(name: string): { file: string; certificate: crypto.X509Certificate } {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", `/CN=${name}`], { stdio: "ignore" });
  const file = path.join(dir, `${name}.pem`);
  fs.writeFileSync(file, fs.readFileSync(key, "utf8") + fs.readFileSync(cert, "utf8"));
  return { file, certificate: new crypto.X509Certificate(fs.readFileSync(cert)) };
}

describe("signing in to Microsoft 365", () => {
  let standIn: M365StandIn;
  beforeAll(async () => {
    standIn = await startM365StandIn();
  });
  afterAll(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names the settings that are missing", () => {
    expect(missingM365Settings({})).toEqual(["TOLLGATE_M365_TENANT_ID", "TOLLGATE_M365_CLIENT_ID", "TOLLGATE_M365_CLIENT_SECRET or TOLLGATE_M365_CERTIFICATE_PATH"]);
    expect(() => m365Connection({ TOLLGATE_M365_TENANT_ID: "t" })).toThrow(/Not connected: TOLLGATE_M365_CLIENT_ID, TOLLGATE_M365_CLIENT_SECRET or TOLLGATE_M365_CERTIFICATE_PATH are not set/);
    expect(m365Connection({ TOLLGATE_M365_TENANT_ID: "t", TOLLGATE_M365_CLIENT_ID: "c", TOLLGATE_M365_CLIENT_SECRET: "s" })).toMatchObject({ loginUrl: "https://login.microsoftonline.com", managementUrl: "https://manage.office.com" });
  });

  it("with a client secret, keeping the token until shortly before it expires", async () => {
    const tokens = new TokenSource(m365Connection(standIn.env));
    const before = standIn.counts.tokens;
    const first = await tokens.token(standIn.url);
    expect(await tokens.token(standIn.url)).toBe(first);
    expect(standIn.counts.tokens).toBe(before + 1);
    // The stand-in's tokens live 3599 s: renewed five minutes before.
    expect(await tokens.token(standIn.url, Date.now() + 3500 * 1000)).not.toBe(first);
    tokens.forget(standIn.url);
    expect(await tokens.token(standIn.url)).not.toBe(first);
    expect(standIn.counts.tokens).toBe(before + 3);
  });

  it("with a certificate: a client assertion signed by its key, naming its thumbprint", async () => {
    const good = certificateFile("tollgate-app");
    const other = certificateFile("someone-else");
    standIn.certificate = good.certificate;
    const env = { ...standIn.env, TOLLGATE_M365_CLIENT_SECRET: "", TOLLGATE_M365_CERTIFICATE_PATH: good.file };
    expect(await new TokenSource(m365Connection(env)).token(`${standIn.url}/dv`)).toMatch(/^tok-/);
    const refused = await new TokenSource(m365Connection({ ...env, TOLLGATE_M365_CERTIFICATE_PATH: other.file })).token(`${standIn.url}/dv`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PullError);
    expect((refused as PullError).message).toMatch(/certificate was not accepted \(AADSTS700027\)/);
    const keyless = path.join(dir, "keyless.pem");
    fs.writeFileSync(keyless, good.certificate.toString());
    await expect(new TokenSource(m365Connection({ ...env, TOLLGATE_M365_CERTIFICATE_PATH: keyless })).token(standIn.url)).rejects.toThrow(/must hold the certificate and its private key/);
  });

  it("refused credentials are told in words, without what the endpoint echoed", async () => {
    const secret = "wrong~secret~value";
    const error = (await new TokenSource(m365Connection({ ...standIn.env, TOLLGATE_M365_CLIENT_SECRET: secret })).token(standIn.url).catch((e: unknown) => e)) as PullError;
    expect(error.problem).toBe("auth_refused");
    expect(error.message).toBe("Sign-in to Microsoft 365 failed: the client secret is wrong (AADSTS7000215): create a new one and set TOLLGATE_M365_CLIENT_SECRET.");
    const unknownApp = (await new TokenSource(m365Connection({ ...standIn.env, TOLLGATE_M365_CLIENT_ID: "someone" })).token(standIn.url).catch((e: unknown) => e)) as PullError;
    expect(unknownApp.message).toMatch(/is not registered in the tenant \(AADSTS700016\)/);
    const unreachable = (await new TokenSource(m365Connection({ ...standIn.env, TOLLGATE_M365_LOGIN_URL: "http://127.0.0.1:9" })).token(standIn.url).catch((e: unknown) => e)) as PullError;
    expect(unreachable.problem).toBe("unreachable");
  });

  it("sends the token only to the API's own origin: a link elsewhere is not followed", async () => {
    const client = new ApiClient(new TokenSource(m365Connection(standIn.env)), standIn.url);
    const requests = standIn.log.length;
    await expect(client.request("http://127.0.0.2:9/blobs/x")).rejects.toThrow(/An answer linked to http:\/\/127\.0\.0\.2:9, outside http:\/\/127\.0\.0\.1:\d+; the link was not followed/);
    expect(client.stats.requests).toBe(0);
    expect(standIn.log.length).toBe(requests);
  });

  it("retries 429 and 5xx answers, waiting what Retry-After says, and gives up after its attempts", async () => {
    const receiver = await startHttpReceiver();
    try {
      const waits: number[] = [];
      const retry = { ...DEFAULT_RETRY, attempts: 4, baseDelayMs: 100, sleep: async (ms: number) => void waits.push(ms) };
      const client = new ApiClient(new TokenSource(m365Connection(standIn.env)), receiver.url, retry);
      receiver.script.push({ status: 503, headers: { "retry-after": "2" } }, { status: 429, headers: { "retry-after": "0" } }, { status: 500 }, { status: 200 });
      expect((await client.request(`${receiver.url}/x`)).status).toBe(200);
      // Retry-After is honoured (2 s; 0 s is raised to half the backoff, so a storm of "0" still backs off), else the backoff doubles.
      expect(waits).toEqual([2000, 100, 400]);
      expect(receiver.requests.every((r) => /^Bearer tok-/.test(r.headers.authorization ?? ""))).toBe(true);
      receiver.script.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
      expect((await client.request(`${receiver.url}/y`)).status).toBe(503);
      expect(client.stats).toMatchObject({ requests: 8, retries: 6 });
    } finally {
      await receiver.close();
    }
  });
});
