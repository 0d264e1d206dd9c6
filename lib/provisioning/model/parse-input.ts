import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { describeFieldErrors } from "@/lib/validation/field-labels";

/** Parses with zod; bad input becomes an invalid_input AppError that names each field and the rule it broke. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (fieldErrors[issue.path.join(".") || "input"] ??= []).push(issue.message);
  throw new AppError("invalid_input", `Invalid ${what}: ${describeFieldErrors(fieldErrors)}`, fieldErrors);
}
