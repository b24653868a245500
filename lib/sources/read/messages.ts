// What the importing thread and the reading worker say to each other (./inWorker.ts, ./worker.ts).
import type { SourceInput } from "@/lib/contract/sources";
import type { InputFormat, SourceType } from "@/lib/contract/vocabulary";
import type { Membership } from "@/lib/db/queries/readDirectoryMembers";
import type { ParseNotes } from "../formats";
import type { Outcome } from "./batches";

export interface ReadTask {
  type: SourceType;
  source: SourceInput;
  format?: InputFormat;
  /** The installation's actor secret: the directory is keyed by the same hash as actors. */
  secret: string;
}

/** To the worker: the next piece of the file (answering "pull"), its end, or the memberships it asked for. */
export type ToWorker = { kind: "chunk"; chunk: Uint8Array } | { kind: "end" } | { kind: "members"; id: number; members: Membership[] };

/** From the worker: give me more of the file; look these people up; a batch of outcomes; done; failed. */
export type FromWorker =
  | { kind: "pull" }
  | { kind: "members"; id: number; persons: string[] }
  | { kind: "batch"; outcomes: Outcome[] }
  | { kind: "done"; format: InputFormat; notes: ParseNotes }
  | { kind: "failed"; message: string; userFacing: boolean; stack?: string };
