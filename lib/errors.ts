/** An error written for operators: what went wrong and what to do. Safe to show; anything else is not. */
export class AppError extends Error {
  constructor(
    readonly code:
      | "invalid_input"
      | "not_found"
      | "conflict"
      | "forbidden"
      | "unauthenticated"
      | "reauthentication_required"
      | "precondition_failed"
      | "unavailable",
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const httpStatusOf: Record<AppError["code"], number> = {
  invalid_input: 400,
  unauthenticated: 401,
  reauthentication_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  unavailable: 503,
};
