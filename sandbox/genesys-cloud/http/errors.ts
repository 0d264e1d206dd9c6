// Error answers in the two shapes Genesys Cloud uses: the Platform API error body and the OAuth token-endpoint body.
import type { z } from "zod";

export class ApiError extends Error {
  readonly code: string;
  readonly messageParams: Record<string, string>;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    {
      code,
      message,
      messageParams = {},
      headers = {},
    }: { code: string; message: string; messageParams?: Record<string, string>; headers?: Record<string, string> },
  ) {
    super(message);
    this.code = code;
    this.messageParams = messageParams;
    this.headers = headers;
  }

  body(contextId: string) {
    let messageWithParams = this.message;
    for (const [key, value] of Object.entries(this.messageParams))
      messageWithParams = messageWithParams.replace(value, `{${key}}`);
    return {
      message: this.message,
      code: this.code,
      status: this.status,
      messageWithParams,
      messageParams: this.messageParams,
      contextId,
      details: [],
      errors: [],
    };
  }
}

export const notFound = (what: string) => new ApiError(404, { code: "not.found", message: `${what} not found` });
export const badRequest = (message: string) => new ApiError(400, { code: "bad.request", message });
export const invalidValue = (field: string, rule: string) =>
  new ApiError(400, {
    code: "invalid.value",
    message: `Value for field ${field} is not valid: ${rule}`,
    messageParams: { field },
  });

export function missingPermissions(permissions: string[]) {
  const list = `[${permissions.join(", ")}]`;
  return new ApiError(403, {
    code: "missing.permissions",
    message: `Unable to perform the requested action. You are missing the following permission(s): ${list}`,
    messageParams: { permissions: list },
  });
}

/** Turns the first zod issue into a 400 that names the field and the rule. */
export function fromZodError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.join(".") || "body";
  const missing = issue?.code === "invalid_type" && issue.input === undefined;
  if (missing)
    return new ApiError(400, {
      code: "bad.request",
      message: `The field ${field} is required`,
      messageParams: { field },
    });
  return invalidValue(field, issue?.message ?? "invalid");
}

/** OAuth token endpoint errors: `{error, description, error_description}`. */
export class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }

  body() {
    return { error: this.error, description: this.message, error_description: this.message };
  }
}
