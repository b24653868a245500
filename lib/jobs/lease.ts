// Leases: the one way background work is claimed (a job's run, the delivery of one alert). A lease is a row in the
// database, so several app instances on one database see the same claims; it names its holder and expires by
// itself, so the work of a holder that died is taken over once its lease runs out. While the work runs, the lease is
// renewed every third of its time.
import crypto from "node:crypto";
import os from "node:os";
import type { Database } from "@/lib/db/database";
import { acquireLease } from "@/lib/db/queries/acquireLease";
import { releaseLease } from "@/lib/db/queries/releaseLease";
import { renewLease } from "@/lib/db/queries/renewLease";

/** This process, as lease holders name it: several instances may share a host name, never a random part. */
export const PROCESS_NAME = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;

let acquisitions = 0;

/** Returned by withLease when another holder has the lease: the work did not run. */
export const NOT_ACQUIRED = Symbol("lease held by another holder");

export interface LeaseOptions {
  /** How long the lease lasts without renewal: longer than any pause the work can take between renewals. */
  ttlMs: number;
  now?: () => Date;
  /** Called when a renewal finds the lease gone (it expired and another holder took it). */
  onLost?: () => void;
}

/**
 * Runs `work` while holding the lease `name`, then gives it up. Each acquisition has a holder name of its own, so two
 * calls in one process exclude each other as two processes do.
 */
export async function withLease<T>(db: Database, name: string, options: LeaseOptions, work: () => Promise<T>): Promise<T | typeof NOT_ACQUIRED> {
  const now = options.now ?? (() => new Date());
  const holder = `${PROCESS_NAME}:${++acquisitions}`;
  const until = () => new Date(now().getTime() + options.ttlMs);
  if (!(await acquireLease(db.sql, name, holder, until(), now()))) return NOT_ACQUIRED;
  const heartbeat = setInterval(() => {
    renewLease(db.sql, name, holder, until()).then(
      (held) => held || options.onLost?.(),
      () => undefined, // the next renewal tries again; the lease lasts three renewals
    );
  }, options.ttlMs / 3);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    // A release that fails (the database went away) leaves a lease that expires by itself.
    await releaseLease(db.sql, name, holder).catch(() => undefined);
  }
}
