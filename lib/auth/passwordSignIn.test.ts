import { expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/testing/databases";
import { testActor } from "@/lib/testing/fixtures";
import { openDatabase } from "@/lib/db/database";
import { createUser } from "./users";
import { signInWithPassword } from "./passwordSignIn";
import { admitPasswordAttempt, SIGN_IN_THROTTLE } from "./throttle";
import { MAX_CHECKS_PER_ADDRESS, MAX_CHECKS_RUNNING } from "./passwordChecks";

// The throttle is under test here, not scrypt's cost: hashes use a cheap N (still real scrypt, checked the same way).
vi.mock("./passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("./passwords")>();
  const cheap = { N: 2 ** 10, r: 8, p: 1 };
  const dummy = real.hashPassword("not a real password", cheap);
  return { ...real, hashPassword: (password: string) => real.hashPassword(password, cheap), burnPasswordCheck: async (password: string) => void (await real.verifyPassword(password, await dummy)) };
});

const PASSWORD = "a long enough password";
const { freeFailures, delaysMs, perAddress, addressWindowMs } = SIGN_IN_THROTTLE;

describeEachDatabase("signing in with a password", (database) => {
  let n = 0;
  const newUser = async () => {
    const email = `person${++n}@example.com`;
    await createUser(database(), { email, roles: ["viewer"] }, testActor, { password: PASSWORD });
    return email;
  };
  const t0 = new Date("2026-12-01T10:00:00Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  it("signs in with the right password, audits every failure, and never says whether the email exists", async () => {
    const db = database();
    const email = await newUser();
    expect(await signInWithPassword(db, email.toUpperCase().toLowerCase(), PASSWORD, "10.0.0.1")).toMatchObject({ ok: true, user: { email, roles: ["viewer"] } });
    expect(await signInWithPassword(db, email, "wrong password!", "10.0.0.1")).toEqual({ ok: false, throttled: false });
    expect(await signInWithPassword(db, "nobody@example.com", "wrong password!", "10.0.0.2")).toEqual({ ok: false, throttled: false });
    expect(await signInWithPassword(db, "nobody@example.com", "wrong password!", "10.0.0.2")).toEqual({ ok: false, throttled: false });
    const failures = await db.prisma.auditRecord.findMany({ where: { action: "auth.sign_in_failed", target: { in: [email, "nobody@example.com"] } }, orderBy: { seq: "asc" } });
    expect(failures.map((f) => [f.target, f.source, JSON.parse(f.after!).reason, f.count])).toEqual([
      [email, "10.0.0.1", "wrong password", 1],
      ["nobody@example.com", "10.0.0.2", "unknown email", 2],
    ]);
  });

  it("keeps the right password working from an address that has not been failing while strangers guess elsewhere", async () => {
    const db = database();
    const email = await newUser();
    for (let i = 0; i < freeFailures; i++) await signInWithPassword(db, email, "a guess", "198.51.100.66", at(i));
    expect(await signInWithPassword(db, email, PASSWORD, "198.51.100.66", at(10))).toMatchObject({ ok: false, throttled: true });
    expect(await signInWithPassword(db, email, PASSWORD, "203.0.113.10", at(10))).toMatchObject({ ok: true });
  });

  it("treats an IPv6 /64 as one address: every address in it shares the failures, the next /64 does not", async () => {
    const db = database();
    const email = await newUser();
    for (let i = 0; i < freeFailures; i++) await signInWithPassword(db, email, "a guess", `2001:db8:77:1::${i + 1}`, at(i));
    expect(await signInWithPassword(db, email, PASSWORD, "2001:db8:77:1:ffff::9", at(10))).toEqual({ ok: false, throttled: true, retryAfterSeconds: delaysMs[0]! / 1000 - 6 });
    expect(await signInWithPassword(db, email, PASSWORD, "2001:db8:77:2::1", at(10))).toMatchObject({ ok: true });
  });

  it("makes the failing pair wait longer after each further failure, and the right password clears it", async () => {
    const db = database();
    const email = await newUser();
    const from = "192.0.2.40";
    let clock = 0;
    for (let i = 0; i < freeFailures; i++) expect(await signInWithPassword(db, email, "a guess", from, at(clock++))).toEqual({ ok: false, throttled: false });
    const waits: number[] = [];
    for (const delay of delaysMs.slice(0, 4)) {
      const refused = await signInWithPassword(db, email, "a guess", from, at(clock));
      expect(refused).toMatchObject({ ok: false, throttled: true });
      waits.push((refused as { retryAfterSeconds: number }).retryAfterSeconds);
      clock += delay / 1000;
      expect(await signInWithPassword(db, email, "a guess", from, at(clock))).toEqual({ ok: false, throttled: false });
    }
    expect(waits).toEqual([delaysMs[0]! / 1000 - 1, delaysMs[1]! / 1000, delaysMs[2]! / 1000, delaysMs[3]! / 1000]);
    clock += delaysMs[4]! / 1000;
    expect(await signInWithPassword(db, email, PASSWORD, from, at(clock))).toMatchObject({ ok: true });
    // Cleared: the pair starts afresh.
    expect(await signInWithPassword(db, email, "a slip", from, at(clock + 1))).toEqual({ ok: false, throttled: false });
  });

  it("counts parallel attempts before their passwords are checked: a burst gets no more tries than sequential guesses", async () => {
    const db = database();
    const email = await newUser();
    const admissions = await Promise.all(Array.from({ length: 8 }, () => admitPasswordAttempt(db, email, "192.0.2.50", at(100))));
    expect(admissions.filter((a) => a.ok)).toHaveLength(freeFailures);
    expect(admissions.filter((a) => !a.ok)).toEqual(Array.from({ length: 8 - freeFailures }, () => ({ ok: false, retryAfterSeconds: delaysMs[0]! / 1000 })));
  });

  it("caps one address's failures across emails, higher than a pair's, without touching other addresses", async () => {
    const db = database();
    const email = await newUser();
    for (let i = 0; i < perAddress; i += MAX_CHECKS_PER_ADDRESS) {
      const spray = Array.from({ length: Math.min(MAX_CHECKS_PER_ADDRESS, perAddress - i) }, (_, k) => signInWithPassword(db, `sprayed${i + k}@example.com`, "a guess", "192.0.2.60", at(200)));
      expect((await Promise.all(spray)).every((r) => !r.ok && !r.throttled)).toBe(true);
    }
    expect(await signInWithPassword(db, email, PASSWORD, "192.0.2.60", at(260))).toEqual({ ok: false, throttled: true, retryAfterSeconds: addressWindowMs / 1000 - 60 });
    expect(await signInWithPassword(db, email, PASSWORD, "192.0.2.61", at(260))).toMatchObject({ ok: true });
    expect(await signInWithPassword(db, email, PASSWORD, "192.0.2.60", at(200 + addressWindowMs / 1000))).toMatchObject({ ok: true });
  });

  it("holds across instances: a second server on the same database sees the same throttle", async () => {
    const db = database();
    const other = openDatabase(db.url);
    try {
      const email = await newUser();
      for (let i = 0; i < freeFailures; i++) await signInWithPassword(i % 2 ? db : other, email, "a guess", "192.0.2.70", at(300 + i));
      expect(await signInWithPassword(other, email, PASSWORD, "192.0.2.70", at(306))).toMatchObject({ ok: false, throttled: true });
    } finally {
      await other.close();
    }
  });

  it("queues password checks beyond what runs at once instead of refusing anyone", async () => {
    const db = database();
    const burst = MAX_CHECKS_RUNNING + 4;
    const results = await Promise.all(Array.from({ length: burst }, (_, i) => signInWithPassword(db, `queued${i}@example.com`, "a guess", `10.8.${i}.1`, at(400))));
    expect(results).toEqual(Array.from({ length: burst }, () => ({ ok: false, throttled: false })));
  });

  it("gives one address at most MAX_CHECKS_PER_ADDRESS places in the queue; the rest of that address waits a second", async () => {
    const db = database();
    const results = await Promise.all(Array.from({ length: MAX_CHECKS_PER_ADDRESS + 2 }, (_, i) => signInWithPassword(db, `crowd${i}@example.com`, "a guess", "10.9.0.1", at(500))));
    expect(results.filter((r) => !r.ok && r.throttled && r.retryAfterSeconds === 1)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && !r.throttled)).toHaveLength(MAX_CHECKS_PER_ADDRESS);
  });
});
