// The request pipeline: correlation id, control endpoints, faults, bearer auth, rate limit, OAuth scope, route, answer.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerAfter } from "../shared/answer-latency";
import { applyRateLimit, authenticate } from "./api-auth";
import type { FaultInjector } from "./faults";
import type { Reply, RequestContext, SandboxRuntime } from "./http/context";
import { ApiError, TokenError } from "./http/errors";
import { readBody } from "./http/read-body";
import type { Router } from "./http/router";
import type { MinuteWindowLimiter } from "./rate-limit";
import { requireScope, routeKey } from "./scopes";
import { recordRequest, type SandboxState } from "./state";

interface Pipeline {
  state: () => SandboxState;
  apiRouter: Router;
  controlRouter: Router | undefined;
  faults: FaultInjector;
  apiLimiter: MinuteWindowLimiter;
  runtime: SandboxRuntime;
}

const TOKEN_PATH = "/oauth/token";
const FAULT_CODES: Record<number, [string, string]> = {
  500: ["internal.server.error", "The server encountered an unexpected condition."],
  502: ["bad.gateway", "The server received an invalid response from an upstream server."],
  503: ["service.unavailable", "Service is currently unavailable."],
  504: ["request.timeout", "The request timed out."],
};

function faultError(path: string, status: number, retryAfterSeconds = 1): Error {
  if (path === TOKEN_PATH) {
    return status === 429
      ? new TokenError(400, "invalid_request", "rate limit exceeded")
      : new TokenError(status, "server_error", "temporarily unavailable");
  }
  if (status === 429) {
    const seconds = String(retryAfterSeconds);
    return new ApiError(429, {
      code: "too.many.requests",
      message: `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`,
      messageParams: { retryAfter: seconds },
      headers: { "Retry-After": seconds },
    });
  }
  const [code, message] = FAULT_CODES[status] ?? FAULT_CODES[500]!;
  return new ApiError(status, { code, message });
}

function errorReply(error: unknown, correlationId: string): Reply {
  if (error instanceof ApiError)
    return { status: error.status, body: error.body(correlationId), headers: error.headers };
  if (error instanceof TokenError) return { status: error.status, body: error.body() };
  console.error(`[genesys-cloud sandbox] ${correlationId}: ${error instanceof Error ? error.message : String(error)}`);
  return errorReply(
    new ApiError(500, { code: "internal.server.error", message: "The server encountered an unexpected condition." }),
    correlationId,
  );
}

async function route(p: Pipeline, ctx: RequestContext, method: string): Promise<Reply> {
  const path = ctx.url.pathname;
  const control = path.startsWith("/__sandbox/");
  const router = control ? p.controlRouter : p.apiRouter;
  const found = router?.match(method, path);
  if (!found || found === "method-not-allowed") {
    throw new ApiError(404, { code: "not.found", message: `No resource for ${method} ${path}` });
  }
  ctx.params = found.params;
  let rateHeaders: Record<string, string> = {};
  if (path.startsWith("/api/")) {
    ctx.caller = authenticate(ctx.state, ctx.req, p.runtime.propagationDelayMs());
    rateHeaders = applyRateLimit(p.apiLimiter, ctx.caller.token);
    requireScope(ctx.caller.scopes, routeKey(method, found.path));
  }
  const reply = await found.handler(ctx);
  return { ...reply, headers: { ...rateHeaders, ...reply.headers } };
}

function write(res: ServerResponse, reply: Reply): void {
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  res.setHeader("Content-Type", "application/json");
  res.writeHead(reply.status).end(JSON.stringify(reply.body));
}

export function createHandler(p: Pipeline) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const arrivedAt = performance.now();
    const correlationId = randomUUID();
    res.setHeader("ININ-Correlation-Id", correlationId);
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const state = p.state();
    const control = url.pathname.startsWith("/__sandbox/");
    const fault = control ? { delayMs: 0, drop: false } : p.faults.decide(method, url.pathname);
    let reply: Reply;
    try {
      const rawBody = await readBody(req);
      if (fault.replace) throw faultError(url.pathname, fault.replace.status, fault.replace.retryAfterSeconds);
      const ctx: RequestContext = { req, url, params: {}, correlationId, state, rawBody, sandbox: p.runtime };
      reply = await route(p, ctx, method);
    } catch (error) {
      reply = errorReply(error, correlationId);
    }
    if (!control)
      recordRequest(state, {
        at: new Date().toISOString(),
        method,
        path: url.pathname,
        status: fault.drop ? "dropped" : reply.status,
      });
    if (fault.delayMs > 0) await answerAfter(arrivedAt, fault.delayMs);
    if (fault.drop) {
      req.socket.destroy();
      return;
    }
    write(res, reply);
  };
}
