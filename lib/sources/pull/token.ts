// Access tokens for the app registration: OAuth 2.0 client credentials at the tenant's token endpoint, through
// openid-client (already Tollgate's OIDC client), with a client secret or a certificate (private_key_jwt). A token is
// kept until shortly before it expires, per tenant, app, credential and resource, and dropped when an API refuses it.
import crypto from "node:crypto";
import * as oidc from "openid-client";
import { PullError, tokenRefusal } from "./errors";
import type { M365Connection } from "./config";

/** A token is renewed this long before it expires (or at half its life, when it lives shorter than twice this). */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

interface Cached {
  token: string;
  renewAt: number;
}

const cache = new Map<string, Cached>();

const isLoopback = (url: URL) => url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);

/** The private key and certificate of a PEM file; Entra ID names the key by the certificate's thumbprint. */
async function certificateAuth(pem: string, tokenEndpoint: string): Promise<oidc.ClientAuth> {
  const keyBlock = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  const certBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  if (!keyBlock || !certBlock) throw new PullError("not_configured", "Not connected: the certificate file must hold the certificate and its private key (PEM).");
  let der: Buffer;
  let certificate: crypto.X509Certificate;
  try {
    der = crypto.createPrivateKey(keyBlock).export({ type: "pkcs8", format: "der" });
    certificate = new crypto.X509Certificate(certBlock);
  } catch {
    throw new PullError("not_configured", "Not connected: the certificate file's key or certificate cannot be read.");
  }
  const key = await crypto.webcrypto.subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
  const thumbprint = (algorithm: string) => crypto.createHash(algorithm).update(certificate.raw).digest("base64url");
  return oidc.PrivateKeyJwt(key, {
    [oidc.modifyAssertion]: (header, payload) => {
      header.x5t = thumbprint("sha1");
      header["x5t#S256"] = thumbprint("sha256");
      // Entra ID expects the token endpoint as the assertion's audience.
      payload.aud = tokenEndpoint;
    },
  });
}

export class TokenSource {
  constructor(private readonly connection: M365Connection) {}

  private cacheKey(resource: string): string {
    const { tenantId, clientId, credential, loginUrl } = this.connection;
    const secret = "secret" in credential ? credential.secret : credential.certificatePem;
    return [loginUrl, tenantId, clientId, crypto.createHash("sha256").update(secret).digest("hex"), resource].join(" ");
  }

  /** A bearer token for `resource` (e.g. https://manage.office.com), from the cache while it is fresh. */
  async token(resource: string, now = Date.now()): Promise<string> {
    const key = this.cacheKey(resource);
    const cached = cache.get(key);
    if (cached && now < cached.renewAt) return cached.token;
    const fresh = await this.fetch(resource);
    const lifetimeMs = fresh.expiresInSeconds * 1000;
    cache.set(key, { token: fresh.token, renewAt: now + Math.max(lifetimeMs - RENEW_BEFORE_MS, lifetimeMs / 2) });
    return fresh.token;
  }

  /** Forgets the token for `resource`: the API said it expired or was revoked. */
  forget(resource: string): void {
    cache.delete(this.cacheKey(resource));
  }

  private async fetch(resource: string): Promise<{ token: string; expiresInSeconds: number }> {
    const { tenantId, clientId, credential, loginUrl } = this.connection;
    const tokenEndpoint = `${loginUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
    const auth = "secret" in credential ? oidc.ClientSecretPost(credential.secret) : await certificateAuth(credential.certificatePem, tokenEndpoint);
    const config = new oidc.Configuration({ issuer: `${loginUrl}/${encodeURIComponent(tenantId)}/v2.0`, token_endpoint: tokenEndpoint }, clientId, undefined, auth);
    // openid-client refuses plain http; only an endpoint on this machine (the tests' stand-in) may use it.
    if (isLoopback(new URL(tokenEndpoint))) oidc.allowInsecureRequests(config);
    try {
      const response = await oidc.clientCredentialsGrant(config, { scope: `${resource}/.default` });
      return { token: response.access_token, expiresInSeconds: response.expires_in ?? 3600 };
    } catch (error) {
      if (error instanceof oidc.ResponseBodyError) throw tokenRefusal(error.error, error.error_description);
      throw new PullError("unreachable", `The token endpoint ${new URL(tokenEndpoint).origin} could not be reached or gave no token.`);
    }
  }
}
