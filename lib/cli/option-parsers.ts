import { InvalidArgumentError } from "commander";
import type { z } from "zod";

/** Whole numbers only; anything else becomes NaN so the schema's own message explains the rule. */
export function toInteger(raw: string): number {
  return /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
}

/**
 * A commander argument parser that applies a library schema, so the CLI and the library share one rule and
 * a bad value is a usage error (exit code 2, with help).
 */
export function parseWith<Schema extends z.ZodType>(schema: Schema, convert: (raw: string) => unknown = (raw) => raw) {
  return (raw: string): z.output<Schema> => {
    const result = schema.safeParse(convert(raw));
    if (!result.success) throw new InvalidArgumentError(result.error.issues[0]?.message ?? "is invalid");
    return result.data;
  };
}
