/** An error whose message is written for the person at the keyboard: the CLI prints it without a stack. */
export class UserFacingError extends Error {}
