import type { z } from "zod";

/** "attribute: rule" for the first problem zod found, so an error names what was wrong. */
export function firstIssue(error: z.ZodError, fallbackPath = "body"): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || fallbackPath}: ${issue?.message ?? "invalid"}`;
}
