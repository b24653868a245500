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
