import { describe, expect, it } from "vitest";
import { allowedHosts, isPublicAddress, RefusedTarget, resolveTarget, type Resolver } from "./guard";

/** A DNS that answers what the test says, instead of asking the network. */
const dnsSays = (answers: Record<string, string[]>): Resolver => async (hostname) =>
  (answers[hostname] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

const none = new Set<string>();

describe("the request-forgery guard", () => {
  it.each([
    ["loopback", "https://127.0.0.1/hook"],
    ["loopback, another spelling", "https://2130706433/hook"],
    ["a private network", "https://10.1.2.3/hook"],
    ["a private network, 172.16/12", "https://172.20.0.5/hook"],
    ["a private network, 192.168/16", "https://192.168.1.10/hook"],
    ["link-local (cloud metadata)", "https://169.254.169.254/latest/meta-data/"],
    ["shared address space", "https://100.64.0.1/hook"],
    ["the unspecified address", "https://0.0.0.0/hook"],
    ["IPv6 loopback", "https://[::1]/hook"],
    ["IPv6 unique local", "https://[fc00::1]/hook"],
    ["IPv6 unique local, fd00::/8", "https://[fd12:3456::1]/hook"],
    ["IPv6 link-local", "https://[fe80::1]/hook"],
    ["IPv4-mapped IPv6 loopback", "https://[::ffff:127.0.0.1]/hook"],
  ])("refuses %s", async (_name, url) => {
    await expect(resolveTarget(url, none, dnsSays({}))).rejects.toThrow(RefusedTarget);
  });

  it("refuses a name that resolves to loopback or a private address, and one with any such address among public ones", async () => {
    const dns = dnsSays({ "hooks.evil.example": ["127.0.0.1"], "mixed.evil.example": ["93.184.216.34", "10.0.0.8"], "v6.evil.example": ["::1"] });
    await expect(resolveTarget("https://hooks.evil.example/x", none, dns)).rejects.toThrow("hooks.evil.example resolves to 127.0.0.1");
    await expect(resolveTarget("https://mixed.evil.example/x", none, dns)).rejects.toThrow("resolves to 10.0.0.8");
    await expect(resolveTarget("https://v6.evil.example/x", none, dns)).rejects.toThrow("resolves to ::1");
    // The system's own resolver: localhost is loopback.
    await expect(resolveTarget("https://localhost:8443/x", none)).rejects.toThrow(/localhost resolves to (127\.0\.0\.1|::1)/);
  });

  it("refuses http, other schemes, credentials in the URL and what is not a URL, without repeating the URL's secrets", async () => {
    const dns = dnsSays({ "hooks.example.com": ["93.184.216.34"] });
    for (const url of ["http://hooks.example.com/x?sig=SECRET", "ftp://hooks.example.com/x", "https://user:SECRET@hooks.example.com/x", "not a url SECRET"]) {
      const error = await resolveTarget(url, none, dns).catch((e: Error) => e);
      expect(error).toBeInstanceOf(RefusedTarget);
      expect((error as Error).message).not.toContain("SECRET");
    }
  });

  it("connects a public name to the address it checked", async () => {
    const target = await resolveTarget("https://hooks.example.com/services/T0/B0/SECRET", none, dnsSays({ "hooks.example.com": ["93.184.216.34"] }));
    expect([target.address, target.family, target.url.hostname]).toEqual(["93.184.216.34", 4, "hooks.example.com"]);
  });

  it("lets hosts of TOLLGATE_WEBHOOK_ALLOW_HOSTS use private addresses and http, on their port only", async () => {
    const allow = allowedHosts({ TOLLGATE_WEBHOOK_ALLOW_HOSTS: " siem.corp.internal:8080, 127.0.0.1:4000 ,[::1]:8443" });
    const dns = dnsSays({ "siem.corp.internal": ["10.20.30.40"] });
    expect((await resolveTarget("http://siem.corp.internal:8080/hook", allow, dns)).address).toBe("10.20.30.40");
    expect((await resolveTarget("http://127.0.0.1:4000/hook", allow, dns)).address).toBe("127.0.0.1");
    expect((await resolveTarget("https://[::1]:8443/hook", allow, dns)).address).toBe("::1");
    await expect(resolveTarget("http://siem.corp.internal:9090/hook", allow, dns)).rejects.toThrow(RefusedTarget);
    await expect(resolveTarget("https://127.0.0.1:4001/hook", allow, dns)).rejects.toThrow(RefusedTarget);
  });

  it("knows public addresses from the rest", () => {
    expect(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"].every(isPublicAddress)).toBe(true);
    expect(["127.0.0.1", "10.0.0.1", "169.254.1.1", "::1", "fc00::1", "fe80::1", "224.0.0.1", "not an address"].some(isPublicAddress)).toBe(false);
  });
});
