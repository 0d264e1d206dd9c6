/**
 * A token bucket per API token, in this process's memory: exact with one dashboard process (the embedded default),
 * no database write per request, and nothing that matters lost on a restart (a full bucket). With several dashboard
 * processes behind a load balancer each keeps its own buckets, so N processes allow up to N x the limit (README,
 * "Running in production").
 */
export type RateLimitDecision = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

export type RateLimiter = { take(key: string): RateLimitDecision };

export function createRateLimiter({
  capacity,
  refillPerSecond,
  now = () => Date.now(),
}: {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const previous = buckets.get(key) ?? { tokens: capacity, at: time };
      const tokens = Math.min(capacity, previous.tokens + ((time - previous.at) / 1000) * refillPerSecond);
      const allowed = tokens >= 1;
      const left = allowed ? tokens - 1 : tokens;
      buckets.set(key, { tokens: left, at: time });
      // Seconds until the bucket is full again (RateLimit-Reset), or until one request is allowed when refused.
      const resetSeconds = Math.ceil((allowed ? capacity - left : 1 - left) / refillPerSecond);
      return { allowed, limit: capacity, remaining: Math.floor(left), resetSeconds };
    },
  };
}

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(decision.resetSeconds),
    ...(decision.allowed ? {} : { "Retry-After": String(decision.resetSeconds) }),
  };
}

/** 120 requests in a burst, then 2 a second: a pipeline polling a run every second never meets it. */
export const apiRateLimit = { capacity: 120, refillPerSecond: 2 } as const;

const holder = globalThis as unknown as { hybridProvisionerApiLimiter?: RateLimiter };

export function apiRateLimiter(): RateLimiter {
  holder.hybridProvisionerApiLimiter ??= createRateLimiter(apiRateLimit);
  return holder.hybridProvisionerApiLimiter;
}
