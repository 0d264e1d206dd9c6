import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Action } from "@/lib/auth/permissions";
import { auditContextFor, requirePermission, type CurrentUser } from "@/lib/auth/session";
import type { AuditContext } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/observability/logger";

type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: AppError["code"] | "internal"; fieldErrors?: Record<string, string[]> };

export type ActionContext = { user: CurrentUser; audit: AuditContext };

/**
 * Every server action goes through here: re-check the role on the server, validate the input, call one domain
 * function, and answer with a tagged result. Internal errors are logged with a reference and never shown.
 */
export function authorizedAction<Schema extends z.ZodType, T>(
  permission: Action,
  schema: Schema,
  handler: (input: z.infer<Schema>, context: ActionContext) => Promise<T>,
) {
  return async (input: z.input<Schema>): Promise<ActionResult<T>> => {
    try {
      const user = await requirePermission(permission);
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues)
          (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
        return { ok: false, code: "invalid_input", error: "Some fields need attention.", fieldErrors };
      }
      return { ok: true, data: await handler(parsed.data, { user, audit: await auditContextFor(user) }) };
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, code: error.code, error: error.message, fieldErrors: error.fieldErrors };
      const reference = randomUUID();
      log().error({ err: error, reference }, "server action failed");
      return {
        ok: false,
        code: "internal",
        error: `Something went wrong on the server (reference ${reference}). Try again; if it keeps failing, give this reference to your administrator.`,
      };
    }
  };
}
