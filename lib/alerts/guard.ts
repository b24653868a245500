// The guard against server-side request forgery: an alert URL (Teams, Slack, webhook) must be https and resolve only to
// public addresses, so a channel cannot make Tollgate call into its own network (a cloud metadata endpoint, a database,
// an admin console). Hosts listed in TOLLGATE_WEBHOOK_ALLOW_HOSTS (host:port, comma-separated) are exempt and may use
// http: receivers inside the company network, and the tests. The address checked is the address connected to
// (lib/alerts/http.ts pins it), so a name cannot resolve to a public address for the check and a private one after.
import dns from "node:dns/promises";
import net from "node:net";

/** A refusal that retrying cannot cure: the channel's configuration must change. */
export class RefusedTarget extends Error {}

export interface Target {
  url: URL;
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/**
 * Loopback, private, link-local, shared, reserved, documentation and multicast ranges: nothing a public receiver uses.
 * One list per family: a BlockList matches IPv4 addresses against IPv6 rules too, and ::ffff:0:0/96 would take them all.
 */
const NOT_PUBLIC_V4 = new net.BlockList();
const NOT_PUBLIC_V6 = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) NOT_PUBLIC_V4.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  // Unspecified and loopback; IPv4-mapped and NAT64 (an IPv4 address in disguise); discard; IETF protocol assignments
  // (Teredo among them); documentation; 6to4; unique local (fc00::/7); link-local; site-local; multicast.
  ["::", 127], ["::ffff:0:0", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23], ["2001:db8::", 32],
  ["2002::", 16], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) NOT_PUBLIC_V6.addSubnet(network, prefix, "ipv6");

export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  return family === 4 ? !NOT_PUBLIC_V4.check(address, "ipv4") : !NOT_PUBLIC_V6.check(address, "ipv6");
}

/** TOLLGATE_WEBHOOK_ALLOW_HOSTS as a set of lower-case "host:port" ("[::1]:8443" for an IPv6 address). */
export function allowedHosts(env: Record<string, string | undefined> = process.env): Set<string> {
  return new Set((env.TOLLGATE_WEBHOOK_ALLOW_HOSTS ?? "").split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean));
}

const defaultPort = (url: URL) => url.port || (url.protocol === "https:" ? "443" : "80");

/**
 * Checks an alert URL and resolves the address to connect to. Refusals name the host (never the path or query, where
 * Teams and Slack keep their secrets) and say what to change.
 */
export async function resolveTarget(raw: string, allowHosts: ReadonlySet<string>, resolve: Resolver = systemResolver): Promise<Target> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedTarget("the configured value is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RefusedTarget("the URL must start with https://");
  if (url.username || url.password) throw new RefusedTarget("the URL must not carry a user name or password");
  const host = url.hostname.toLowerCase();
  const allowed = allowHosts.has(`${host}:${defaultPort(url)}`);
  if (url.protocol !== "https:" && !allowed) {
    throw new RefusedTarget(`the URL must use https (plain http only for hosts in TOLLGATE_WEBHOOK_ALLOW_HOSTS; ${host}:${defaultPort(url)} is not)`);
  }
  const literal = host.replace(/^\[(.*)\]$/, "$1");
  const addresses = net.isIP(literal) ? [{ address: literal, family: net.isIP(literal) }] : await resolve(literal);
  if (addresses.length === 0) throw new Error(`${host} did not resolve`);
  if (!allowed) {
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside) {
      throw new RefusedTarget(
        `${host} resolves to ${inside.address}, a loopback, private or link-local address; list ${host}:${defaultPort(url)} in TOLLGATE_WEBHOOK_ALLOW_HOSTS if it is a receiver inside your network`,
      );
    }
  }
  const [first] = addresses;
  return { url, address: first!.address, family: first!.family === 6 ? 6 : 4 };
}
