import type { FieldError } from "@/lib/contract/common";

/** An error with an HTTP status that the route wrapper turns into a JSON body; never carries internals. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, errors?: FieldError[]) => new ApiError(400, "bad_request", message, errors);
