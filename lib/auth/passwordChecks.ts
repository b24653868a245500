// Password checks are memory-hard on purpose (128 MiB of scrypt each), so one process runs at most
// MAX_CHECKS_RUNNING at once and queues the rest, first come first served, instead of refusing them: a burst of
// strangers' guesses delays a real sign-in by a moment rather than answering it 429. One address group holds at most
// MAX_CHECKS_PER_ADDRESS places (queued or running) in a process, so no address can fill the queue. Memory is per
// process, so these limits are too; what must hold across instances (the throttle, lib/auth/throttle.ts) is in the
// database.
import { Semaphore } from "async-mutex";

export const MAX_CHECKS_RUNNING = 16;
export const MAX_CHECKS_PER_ADDRESS = 4;

const running = new Semaphore(MAX_CHECKS_RUNNING);
const places = new Map<string, number>();

/** A place in this process's queue for an address group; null when the group holds all of its places already. */
export function takeCheckPlace(group: string): { run<T>(check: () => Promise<T>): Promise<T>; release(): void } | null {
  const held = places.get(group) ?? 0;
  if (held >= MAX_CHECKS_PER_ADDRESS) return null;
  places.set(group, held + 1);
  let released = false;
  return {
    run: (check) => running.runExclusive(check),
    release: () => {
      if (released) return;
      released = true;
      const left = (places.get(group) ?? 1) - 1;
      if (left > 0) places.set(group, left);
      else places.delete(group);
    },
  };
}
