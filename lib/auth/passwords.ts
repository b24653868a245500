// Passwords are stored as scrypt hashes (memory-hard) with their parameters, so the cost can be raised later
// without invalidating stored hashes: "scrypt$N$r$p$salt$hash", salt and hash in base64url.
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

/** OWASP's scrypt recommendation: N = 2^17, r = 8, p = 1 (128 MiB, about a third of a second here). */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

const maxmem = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string, params: { N: number; r: number; p: number } = SCRYPT_PARAMS): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize("NFC"), salt, KEY_LENGTH, { ...params, maxmem: maxmem(params.N, params.r) });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(password.normalize("NFC"), Buffer.from(salt, "base64url"), expected.length, {
    ...params,
    maxmem: maxmem(params.N, params.r),
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** Spent on unknown emails too, so the response time does not tell which accounts exist. */
let dummyHash: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("not a real password");
  await verifyPassword(password, await dummyHash);
}
