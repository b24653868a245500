/** An error whose message is written for the person at the keyboard: the CLI prints it without a stack. */
export class UserFacingError extends Error {}

/** A request parameter that is well-formed but names nothing that exists (an unknown workflow, say). */
export class InvalidParameterError extends UserFacingError {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}
