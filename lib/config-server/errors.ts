/** GAX answered with an error status; `gaxMessage` is GAX's own message (it never carries secrets). */
export class GaxHttpError extends Error {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly gaxMessage: string;

  constructor({
    status,
    method,
    path,
    gaxMessage,
  }: {
    status: number;
    method: string;
    path: string;
    gaxMessage: string;
  }) {
    super(`GAX answered ${status} to ${method} ${path}: ${gaxMessage}`);
    this.status = status;
    this.method = method;
    this.path = path;
    this.gaxMessage = gaxMessage;
  }
}

/** No answer from GAX: connection refused or dropped, or the timeout passed. */
export class GaxNetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`No answer from GAX to ${method} ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

type ConfigServerErrorCode =
  | "tenant-not-found"
  | "transactions-folder-missing"
  | "ambiguous"
  | "alias-taken"
  | "not-readable"
  | "sign-in-failed"
  | "sign-in-not-permitted"
  | "tenant-mismatch"
  | "gax-unavailable";

/** A problem an operator can act on; the message says what failed and what to do. */
export class ConfigServerError extends Error {
  constructor(
    readonly code: ConfigServerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Worth another read-then-write round: GAX may have applied the request or not. */
export function isTransient(error: unknown): boolean {
  return error instanceof GaxNetworkError || (error instanceof GaxHttpError && error.status >= 500);
}
