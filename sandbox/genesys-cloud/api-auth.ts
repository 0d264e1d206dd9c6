// Bearer-token check and the per-token rate limit for Platform API routes.
import type { IncomingMessage } from "node:http";
import type { Caller } from "./http/context";
import { ApiError } from "./http/errors";
import type { MinuteWindowLimiter } from "./rate-limit";
import type { SandboxState } from "./state";

export function authenticate(state: SandboxState, req: IncomingMessage, propagationDelayMs = 0): Caller {
  const header = req.headers.authorization ?? "";
  const match = /^bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw new ApiError(401, {
      code: "authentication.required",
      message: "No authentication bearer token specified in authorization header.",
    });
  const token = match[1];
  const issued = state.tokens.get(token);
  const org = issued && state.orgs.get(issued.orgId);
  const clientStillThere = issued && org?.clients.has(issued.subject.clientId);
  if (!issued || !org || !clientStillThere || issued.expiresAt <= Date.now()) {
    throw new ApiError(401, { code: "bad.credentials", message: "Invalid login credentials." });
  }
  return { token, org, subject: issued.subject, scopes: issued.scopes, propagationDelayMs };
}

/** Applies the per-token limit; returns the `inin-ratelimit-*` headers or throws 429 with Retry-After. */
export function applyRateLimit(limiter: MinuteWindowLimiter, token: string): Record<string, string> {
  const decision = limiter.take(token);
  const headers = {
    "inin-ratelimit-count": String(decision.count),
    "inin-ratelimit-allowed": String(decision.limit),
    "inin-ratelimit-reset": String(decision.resetSeconds),
  };
  if (!decision.allowed) {
    const seconds = String(decision.resetSeconds);
    throw new ApiError(429, {
      code: "too.many.requests",
      message: `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`,
      messageParams: { retryAfter: seconds },
      headers: {
        ...headers,
        "Retry-After": seconds,
      },
    });
  }
  return headers;
}
