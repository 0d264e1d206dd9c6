import { describe, expect, it } from "vitest";
import { createRateLimiter, rateLimitHeaders } from "./rate-limit";

describe("the per-token rate limit", () => {
  it("allows a burst of the capacity, refuses the next, and refills at its rate, per key", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 1, now: () => now });
    expect([1, 2, 3].map(() => limiter.take("a").remaining)).toEqual([2, 1, 0]);
    const refused = limiter.take("a");
    expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 3, resetSeconds: 1 });
    expect(limiter.take("b").allowed).toBe(true);
    now = 1000;
    expect(limiter.take("a")).toMatchObject({ allowed: true, remaining: 0 });
    now = 10_000;
    expect(limiter.take("a")).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 1 });
  });

  it("says so in RateLimit headers, with Retry-After when refused", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.5, now: () => 0 });
    expect(rateLimitHeaders(limiter.take("a"))).toEqual({
      "RateLimit-Limit": "1",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "2",
    });
    expect(rateLimitHeaders(limiter.take("a"))).toMatchObject({ "Retry-After": "2", "RateLimit-Remaining": "0" });
  });
});
