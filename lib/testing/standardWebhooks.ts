// A receiver's check of a Standard Webhooks 1.0 signature, written from the specification alone (Web Crypto, not
// lib/alerts' code), so the tests check Tollgate's signatures against an independent implementation of the spec.
import { webcrypto } from "node:crypto";

/** The specification's published example: this secret, id, timestamp and body give this signature. */
export const SPEC_EXAMPLE = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

/** Tolerance the specification suggests for the timestamp, against replays. */
const TOLERANCE_SECONDS = 5 * 60;

/**
 * True when one of the space-separated signatures in `webhook-signature` is the v1 HMAC-SHA256 of
 * "<webhook-id>.<webhook-timestamp>.<body>" under the base64-decoded part of the whsec_ secret, and the timestamp is
 * within the tolerance of `nowSeconds`.
 */
export async function verifyStandardWebhook(secret: string, headers: Record<string, string | undefined>, body: string, nowSeconds: number): Promise<boolean> {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const key = await webcrypto.subtle.importKey("raw", Buffer.from(secret.replace(/^whsec_/, ""), "base64"), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await webcrypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  const expected = Buffer.from(mac).toString("base64");
  return signatures.split(" ").some((entry) => {
    const [version, signature] = entry.split(",");
    return version === "v1" && signature !== undefined && signature.length === expected.length && timingSafe(signature, expected);
  });
}

function timingSafe(a: string, b: string): boolean {
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
