// The one family of errors whose message is written for the person who reads it: the CLI prints it without a stack,
// the API answers it with its status, a server action shows it. Any other error is internal: logged, never shown.
import type { FieldError } from "@/lib/contract/common";

/** An error whose message is written for the person at the keyboard: the CLI prints it without a stack and the API answers it with `status`. */
export class UserFacingError extends Error {
  readonly status: number = 400;
}

/** A request parameter that is well-formed but names nothing that exists (an unknown workflow, say). */
export class InvalidParameterError extends UserFacingError {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request was valid but the state it was based on changed meanwhile. */
export class ConflictError extends UserFacingError {
  override readonly status = 409;
}

/** Too many failed sign-ins (or password checks) for now: answered 429 with Retry-After. */
export class ThrottledError extends UserFacingError {
  override readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(`Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/** A command line that cannot run as given (a missing or malformed flag): `tollgate`, the benchmark and the drills print it with their usage. */
export class UsageError extends UserFacingError {}

/** An API answer with its HTTP status, a code, field errors and headers, which the route wrapper turns into a JSON body; never carries internals. */
export class ApiError extends UserFacingError {
  constructor(
    override readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, errors?: FieldError[]) => new ApiError(400, "bad_request", message, errors);
