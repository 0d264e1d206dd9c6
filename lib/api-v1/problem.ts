import { z } from "zod";
import { AppError, httpStatusOf } from "@/lib/errors";

export const problemContentType = "application/problem+json";

/** RFC 9457 problem details, with `errors` naming each field that was refused and why. */
export const problemSchema = z
  .object({
    type: z.string().describe("A URI naming the kind of problem, e.g. /api/v1/problems/invalid_input"),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional().describe("Per field (or parameter): what is wrong"),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<AppError["code"] | "rate_limited" | "internal", string> = {
  invalid_input: "Invalid input",
  unauthenticated: "Not authenticated",
  reauthentication_required: "Not authenticated",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  precondition_failed: "Precondition failed",
  unavailable: "Unavailable",
  rate_limited: "Too many requests",
  internal: "Internal error",
};

export type ProblemCode = keyof typeof titles;

export function problem(code: ProblemCode, { status, detail, errors }: Omit<Problem, "type" | "title">): Problem {
  return { type: `/api/v1/problems/${code}`, title: titles[code], status, detail, ...(errors ? { errors } : {}) };
}

/** Field errors from a zod error: the path joined with dots ("body" or "query" for the whole of one). */
export function fieldErrorsOf(error: z.ZodError, where: string): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : where;
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

/** Any thrown value as a problem: AppError with its code and message, zod errors naming fields, anything else hidden. */
export function problemOf(error: unknown): Problem {
  if (error instanceof AppError)
    return problem(error.code, { status: httpStatusOf[error.code], detail: error.message, errors: error.fieldErrors });
  if (error instanceof z.ZodError)
    return problem("invalid_input", {
      status: 400,
      detail: "The request has invalid fields.",
      errors: fieldErrorsOf(error, "body"),
    });
  return problem("internal", { status: 500, detail: "Something went wrong on the server; the log has the details." });
}

export function problemResponse(value: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(value), {
    status: value.status,
    headers: { ...headers, "Content-Type": problemContentType, "Cache-Control": "no-store" },
  });
}
