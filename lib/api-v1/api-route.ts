import { z } from "zod";
import { authenticateApiToken, type ApiCaller } from "@/lib/api-tokens";
import type { AuditContext } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/client-address";
import type { ApiOperation } from "./operation";
import { fieldErrorsOf, problem, problemOf, problemResponse } from "./problem";
import { apiRateLimiter, rateLimitHeaders, type RateLimiter } from "./rate-limit";
import { log } from "@/lib/observability/logger";

type Part<Op, Index extends 0 | 1 | 2> =
  Op extends ApiOperation<infer Params, infer Query, infer Body> ? z.output<[Params, Query, Body][Index]> : never;

export type ApiRequestContext<Op extends ApiOperation> = {
  params: Part<Op, 0>;
  query: Part<Op, 1>;
  body: Part<Op, 2>;
  caller: ApiCaller;
  audit: AuditContext;
  request: Request;
};

type Handler<Op extends ApiOperation> = (context: ApiRequestContext<Op>) => Promise<z.input<Op["response"]>>;
type RouteContext = { params: Promise<Record<string, string>> };

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string) {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError("invalid_input", `The request has invalid ${where}.`, fieldErrorsOf(parsed.error, where));
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The request body is not JSON.", { body: ["must be a JSON object"] });
  }
}

function bearerToken(request: Request): string {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError("unauthenticated", "Send an API token as `Authorization: Bearer hp_...`.");
  return match[1]!;
}

async function authorize(request: Request, { permission, adminOnly }: ApiOperation) {
  const origin = requestOrigin(request.headers);
  const caller = await authenticateApiToken(getDb(), { token: bearerToken(request), ...origin });
  const audit: AuditContext = {
    actor: { id: caller.user.id, email: caller.user.email, role: caller.user.role },
    ...origin,
  };
  const roleAllows = !adminOnly || caller.user.role === "admin";
  return { caller, audit, allowed: roleAllows && (!permission || can(caller.user.role, permission)) };
}

/**
 * The one wrapper of /api/v1 handlers: bearer token (the user's current role, re-checked with `can` on every
 * request), rate limit per token, input validated by the operation's schemas, the answer shaped by its response
 * schema, every error as problem details.
 */
export function apiRoute<Op extends ApiOperation>(
  operation: Op,
  handler: Handler<Op>,
  limiter: () => RateLimiter = apiRateLimiter,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    let limitHeaders: Record<string, string> = {};
    try {
      const { caller, audit, allowed } = await authorize(request, operation);
      const decision = limiter().take(caller.tokenId);
      limitHeaders = rateLimitHeaders(decision);
      if (!decision.allowed)
        return problemResponse(
          problem("rate_limited", {
            status: 429,
            detail: `This token has used its ${decision.limit} requests; try again in ${decision.resetSeconds} s.`,
          }),
          limitHeaders,
        );
      if (!allowed) {
        const why = operation.adminOnly ? ` ${operation.adminOnly}` : "";
        throw new AppError("forbidden", `The ${caller.user.role} role does not allow this.${why}`);
      }
      const url = new URL(request.url);
      const result = await handler({
        params: parsePart(operation.params, await context.params, "path parameters"),
        query: parsePart(operation.query, Object.fromEntries(url.searchParams), "query parameters"),
        body: operation.body ? parsePart(operation.body, await readBody(request), "body") : undefined,
        caller,
        audit,
        request,
      } as ApiRequestContext<Op>);
      return Response.json(operation.response.parse(result), {
        status: operation.status ?? 200,
        headers: { ...limitHeaders, "Cache-Control": "no-store" },
      });
    } catch (error) {
      if (!(error instanceof AppError) && !(error instanceof z.ZodError))
        log().error({ err: error }, "API request failed");
      // A zod error here is the answer not matching its own schema: a server fault, not the client's.
      const shaped = error instanceof z.ZodError ? problemOf(new Error("response shape")) : problemOf(error);
      return problemResponse(shaped, limitHeaders);
    }
  };
}
