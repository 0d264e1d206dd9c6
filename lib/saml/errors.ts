import type { z } from "zod";

/** Bad SAML input (certificate, key, password, option): names the field and the rule it broke. */
export class SamlInputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = "SamlInputError";
  }
}

/** Parses with a zod schema and reports the first problem as a SamlInputError naming its field. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  prefix?: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].filter((part) => part !== undefined && part !== "").join(".");
  throw new SamlInputError(path || "input", issue?.message ?? "is invalid");
}
