import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { OrgRateLimiter, Semaphore, TokenBucket, type Clock } from "./rate-limiter";
import { clientFor, sandboxRequests, startSandbox } from "./test-support";

/** A clock that only moves when someone sleeps. */
function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t = Math.max(clock.t, clock.t + ms);
    },
  };
  return clock;
}

describe("token bucket", () => {
  it("lets a burst through, then spaces requests by 60 s / rate, in arrival order", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(600, 3, clock);
    const startTimes: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      await bucket.take();
      startTimes.push(clock.now());
    }
    expect(startTimes).toEqual([0, 0, 0, 100, 200, 300, 400, 500]);
  });

  it("never allows more than burst + rate requests in any minute", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(300 * 0.97, 5, clock);
    const times: number[] = [];
    while (clock.now() < 180_000) {
      await bucket.take();
      times.push(clock.now());
    }
    for (const start of times) expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(300);
    expect(times.filter((t) => t >= 60_000 && t < 120_000).length).toBeGreaterThanOrEqual(290);
  });

  it("holds every caller back after a pause (Retry-After)", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(6000, 1, clock);
    bucket.pauseUntil(2_000);
    await bucket.take();
    expect(clock.now()).toBe(2_000);
  });

  it("rejects bad settings naming the option", () => {
    expect(() => new TokenBucket(0, 1)).toThrow(/^ratePerMinute: must be a positive number/);
    expect(() => new TokenBucket(10, 0)).toThrow(/^burst: must be an integer of at least 1/);
    expect(() => new Semaphore(0)).toThrow(/^maxConcurrency/);
  });
});

describe("semaphore", () => {
  it("bounds the calls in flight", async () => {
    const slots = new Semaphore(2);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const release = await slots.acquire();
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setImmediate(resolve));
        active -= 1;
        release();
      }),
    );
    expect(peak).toBe(2);
  });
});

describe("per-org pacing against the sandbox limit", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    // 40 requests per 3-second window (800/min) keeps the run to seconds; the client paces at 700/min without burst.
    sandbox = await startSandbox({ rateLimitPerMinute: 40, rateLimitWindowSeconds: 3 });
  });
  afterAll(() => sandbox.close());

  it("paces many concurrent calls so none is answered 429", async () => {
    const limiter = new OrgRateLimiter({ ratePerMinute: 700, burst: 1, maxConcurrency: 16 });
    const gc = clientFor(sandbox, undefined, { limiter });
    await gc.getAccessToken();
    const started = Date.now();
    const orgs = await Promise.all(Array.from({ length: 60 }, () => gc.getOrganization()));
    expect(orgs.every((o) => o.thirdPartyOrgName === "acme-eu")).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_000);
    const apiAnswers = (await sandboxRequests(sandbox)).filter((r) => r.path.startsWith("/api/"));
    expect(apiAnswers.filter((r) => r.status === 429)).toEqual([]);
    expect(apiAnswers).toHaveLength(60);
  });
});
