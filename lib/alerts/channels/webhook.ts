// A signed webhook as Standard Webhooks 1.0 specifies: the payload as the body, and the headers webhook-id (the alert's
// id, the same on every attempt), webhook-timestamp (Unix seconds of the attempt) and webhook-signature ("v1," and the
// base64 HMAC-SHA256 of "<id>.<timestamp>.<body>", keyed with the base64-decoded part of a "whsec_" secret).
import crypto from "node:crypto";

const SECRET_PREFIX = "whsec_";

/** The signing key of a whsec_ secret; null when the value is not one (the message never repeats the value). */
export function signingKey(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  const key = Buffer.from(encoded, "base64");
  return key.length >= 24 && key.length <= 64 ? key : null;
}

export function webhookSignature(key: Buffer, id: string, timestamp: number, body: string): string {
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export function webhookHeaders(key: Buffer, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": webhookSignature(key, id, timestamp, body),
  };
}
