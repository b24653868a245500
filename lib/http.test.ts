import { describe, expect, it } from "vitest";
import { addressGroup, clientAddressFromHeaders, isSameOrigin, PEER_HEADER } from "./http";

describe("clientAddressFromHeaders", () => {
  it.each([
    ["the peer, when Tollgate is reached directly", { [PEER_HEADER]: "10.0.0.7" }, 0, "10.0.0.7"],
    ["the peer, never a client's own x-forwarded-for", { [PEER_HEADER]: "10.0.0.7", "x-forwarded-for": "6.6.6.6" }, 0, "10.0.0.7"],
    ["one hop back behind one proxy", { [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 1, "203.0.113.9"],
    ["two hops back behind two proxies", { [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "6.6.6.6, 203.0.113.9, 10.0.0.2" }, 2, "203.0.113.9"],
    ["the leftmost entry when fewer hops arrived than configured", { [PEER_HEADER]: "10.0.0.1", "x-forwarded-for": "203.0.113.9" }, 3, "203.0.113.9"],
    ["nothing without the server's peer header", { "x-forwarded-for": "6.6.6.6" }, 0, null],
  ])("%s", (_case, headers, hops, expected) => {
    expect(clientAddressFromHeaders(new Headers(headers), hops)).toBe(expected);
  });
});

describe("addressGroup", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["::ffff:203.0.113.9", "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:db8:1:2::", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["64:ff9b:1::192.0.2.33", "64:ff9b:1:0::/64"],
    [null, "unknown"],
  ])("%s → %s", (address, group) => expect(addressGroup(address)).toBe(group));

  it("puts every address of one /64 in one group and the next /64 in another", () => {
    expect(addressGroup("2001:db8:aa:bb::1")).toBe(addressGroup("2001:db8:aa:bb:ffff:ffff:ffff:fffe"));
    expect(addressGroup("2001:db8:aa:bc::1")).not.toBe(addressGroup("2001:db8:aa:bb::1"));
  });
});

describe("isSameOrigin", () => {
  const request = (headers: Record<string, string>) => new Request("http://tollgate.example.com/api/v1/program", { method: "PUT", headers });
  it.each([
    ["the same origin", { origin: "http://tollgate.example.com" }, true],
    ["another origin", { origin: "https://evil.example.com" }, false],
    ["no Origin but Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }, true],
    ["no Origin and a cross-site fetch", { "sec-fetch-site": "cross-site" }, false],
    ["neither header", {}, false],
  ])("%s", (_case, headers, expected) => expect(isSameOrigin(request(headers))).toBe(expected));

  it("also takes TOLLGATE_PUBLIC_URL's origin, for a proxy that rewrites Host", () => {
    const behindProxy = new Request("http://127.0.0.1:3000/api/v1/program", { method: "PUT", headers: { host: "127.0.0.1:3000", origin: "https://tollgate.example.com" } });
    expect(isSameOrigin(behindProxy)).toBe(false);
    process.env.TOLLGATE_PUBLIC_URL = "https://tollgate.example.com/";
    try {
      expect(isSameOrigin(behindProxy)).toBe(true);
      expect(isSameOrigin(request({ origin: "https://evil.example.com" }))).toBe(false);
    } finally {
      delete process.env.TOLLGATE_PUBLIC_URL;
    }
  });
});
