// Every JSON body the API reads: its contract, and the most bytes a route reads before refusing it with a 413.
import { z } from "zod";
import { eventBatch, MAX_BODY_BYTES } from "./event";
import { checklistUpdate, decisionInput } from "./scorecard";
import { reviewClaim, reviewVerdict } from "./review";
import { keyInput, legalHoldInput, passwordChange, retentionUpdate, signInForm, signInLinkInput, userInput, userUpdate } from "./accounts";

export interface JsonBody<S extends z.ZodType> {
  schema: S;
  maxBytes: number;
}

const body = <S extends z.ZodType>(schema: S, maxBytes: number): JsonBody<S> => ({ schema, maxBytes });

export const BODIES = {
  events: body(eventBatch, MAX_BODY_BYTES),
  /** One event of POST /api/v1/events/{type}, its type named by the path; checked by the batch's own ingestion. */
  oneEvent: body(z.record(z.string(), z.unknown()), 64 * 1024),
  /** Any JSON: applyProgram validates the document as a whole, so its errors carry the document's JSON paths. */
  program: body(z.unknown(), 1024 * 1024),
  decision: body(decisionInput, 64 * 1024),
  checklist: body(checklistUpdate, 16 * 1024),
  key: body(keyInput, 16 * 1024),
  user: body(userInput, 16 * 1024),
  userUpdate: body(userUpdate, 16 * 1024),
  retention: body(retentionUpdate, 1024),
  legalHold: body(legalHoldInput, 8 * 1024),
  signIn: body(signInForm, 4 * 1024),
  password: body(passwordChange, 4 * 1024),
  signInLink: body(signInLinkInput, 1024),
  reviewClaim: body(reviewClaim, 4 * 1024),
  reviewVerdict: body(reviewVerdict, 16 * 1024),
};
