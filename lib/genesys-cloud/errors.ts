// One error type for every failed Genesys Cloud call, carrying what the audit log and the UI show.

interface GenesysCloudErrorFields {
  /** HTTP status, or undefined when no answer arrived (network error, timeout). */
  status: number | undefined;
  /** Genesys error code (`missing.permissions`, `invalid_grant`, ...) or a client-side code (`network.error`, `client.timeout`, `invalid.response`). */
  code: string;
  /** `ININ-Correlation-Id` of the answer, when there was one. */
  correlationId: string | undefined;
  /** What failed and what to do, written for operators. */
  operatorMessage: string;
  /** Whether trying the same call again later can succeed without changing anything. */
  retryable: boolean;
  /** A non-idempotent call may or may not have taken effect: look the object up before trying again. */
  outcomeUnknown: boolean;
  /** The call, e.g. "create OAuth client". */
  operation: string;
  method: string;
  path: string;
  messageParams?: Record<string, string>;
}

export class GenesysCloudError extends Error implements GenesysCloudErrorFields {
  readonly status: number | undefined;
  readonly code: string;
  readonly correlationId: string | undefined;
  readonly operatorMessage: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly messageParams: Record<string, string>;

  constructor(fields: GenesysCloudErrorFields, technicalMessage: string, options?: { cause?: unknown }) {
    super(
      `${fields.operation} (${fields.method} ${fields.path}) failed: ${fields.status ?? "no answer"} ${fields.code}: ${technicalMessage}`,
      options,
    );
    this.name = "GenesysCloudError";
    this.status = fields.status;
    this.code = fields.code;
    this.correlationId = fields.correlationId;
    this.operatorMessage = fields.operatorMessage;
    this.retryable = fields.retryable;
    this.outcomeUnknown = fields.outcomeUnknown;
    this.operation = fields.operation;
    this.method = fields.method;
    this.path = fields.path;
    this.messageParams = fields.messageParams ?? {};
  }
}

export function isGenesysCloudError(error: unknown): error is GenesysCloudError {
  return error instanceof GenesysCloudError;
}
