// What a route handler receives and returns.
import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import type { OrgState, SandboxState, TokenSubject } from "../state";
import { ApiError, badRequest, fromZodError } from "./errors";

export interface Caller {
  token: string;
  org: OrgState;
  subject: TokenSubject;
  /** The token's OAuth scopes; empty: not limited by scope. */
  scopes: string[];
  /** How long changes take to take effect (the fault configuration's propagation delay). */
  propagationDelayMs: number;
}

export interface RequestContext {
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  correlationId: string;
  state: SandboxState;
  rawBody: string;
  /** Set for Platform API routes once the bearer token is verified. */
  caller?: Caller;
  sandbox: SandboxRuntime;
}

/** Live sandbox behaviour that handlers may need beyond state. */
export interface SandboxRuntime {
  reset(): void;
  setFaults(input: unknown): unknown;
  tokenLimiterTake(clientId: string): boolean;
  /** How long changes take to take effect (see propagation.ts). */
  propagationDelayMs(): number;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const noContent = (): Reply => ({ status: 204 });

export function callerOf(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new Error("route needs an authenticated caller");
  return ctx.caller;
}

/** Parses a JSON request body against a schema; wrong media type is 415, bad JSON 400, bad fields name the field. */
export function jsonBody<S extends z.ZodType>(ctx: RequestContext, schema: S): z.output<S> {
  const type = ctx.req.headers["content-type"] ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(415, {
      code: "unsupported.media.type",
      message: `Unsupported media type ${type || "(none)"}: send application/json`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.rawBody || "null");
  } catch {
    throw badRequest("The request body is not valid JSON");
  }
  if (parsed === null || typeof parsed !== "object") throw badRequest("The request body must be a JSON object");
  const result = schema.safeParse(parsed);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

export function queryInt(
  ctx: RequestContext,
  name: string,
  { fallback, min, max }: { fallback: number; min: number; max: number },
): number {
  const raw = ctx.url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ApiError(400, {
      code: "invalid.value",
      message: `Value for query parameter ${name} is not valid: must be an integer from ${min} to ${max}`,
      messageParams: { field: name },
    });
  }
  return value;
}
