import type { Action } from "@/lib/auth/permissions";
import { requirePermission, type CurrentUser } from "@/lib/auth/session";
import { AppError, httpStatusOf } from "@/lib/errors";

/** An operator-facing error as the JSON body every route answers with. */
function errorResponse(error: AppError): Response {
  return Response.json(
    { code: error.code, error: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) },
    { status: httpStatusOf[error.code] },
  );
}

/** A download that is never cached or sniffed. */
export function fileResponse(body: BodyInit, file: { contentType: string; fileName: string }): Response {
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

interface RouteContext<Params> {
  params: Promise<Params>;
}

/**
 * A route handler that re-checks the signed-in user's role on every request before the handler runs, and answers an
 * AppError (thrown by the check or the handler) with its status and operator message.
 */
export function guardedRoute<Params = Record<string, never>>(
  permission: Action,
  handler: (request: Request, context: { user: CurrentUser; params: Params }) => Promise<Response>,
): (request: Request, context: RouteContext<Params>) => Promise<Response> {
  return async (request, context) => {
    try {
      const user = await requirePermission(permission);
      return await handler(request, { user, params: await context.params });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      throw error;
    }
  };
}
