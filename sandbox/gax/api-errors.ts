import { ValidationError } from "./object-schemas";

/** An error answered as `{"status": <code>, "message": ...}` (the project's convention; GAX's own is unpublished). */
class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);
export const forbidden = (message: string) => new ApiError(403, message);
export const unauthorized = (message: string) => new ApiError(401, message);
export const invalid = (message: string) => new ApiError(400, message);

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof ValidationError) return invalid(error.message);
  return undefined;
}
