import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { OrgRateLimiter, windowReportOf, type Clock, type RateLimiterOptions, type Release } from "./rate-limiter";
import { clientFor, sandboxRequests, startSandbox } from "./test-support";

/** A clock that moves only when the test advances it, firing due sleeps in time order. */
function manualClock(): Clock & { advance(ms: number): Promise<void>; pendingSleeps(): number } {
  let t = 0;
  const sleepers: { at: number; wake: () => void; signal?: AbortSignal }[] = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms, signal) => new Promise<void>((wake) => sleepers.push({ at: t + ms, wake, signal })),
    pendingSleeps: () => sleepers.filter((s) => !s.signal?.aborted).length,
    async advance(ms) {
      const target = t + ms;
      await settle();
      for (;;) {
        sleepers.sort((a, b) => a.at - b.at);
        if (!sleepers[0] || sleepers[0].at > target) break;
        const next = sleepers.shift()!;
        t = next.at;
        next.wake();
        await settle();
      }
      t = target;
      await settle();
    },
  };
}

const headers = (values: Record<string, string>) => new Headers(values);
/** The `inin-ratelimit-*` headers of an answer. */
const report = (count: number, allowed: number, reset: number) =>
  headers({
    "inin-ratelimit-count": `${count}`,
    "inin-ratelimit-allowed": `${allowed}`,
    "inin-ratelimit-reset": `${reset}`,
  });

/** Starts `n` acquisitions; `granted` lists, in order, when each one got through. */
function acquireMany(limiter: OrgRateLimiter, clock: Clock, n: number) {
  const granted: { index: number; at: number; release: Release }[] = [];
  for (let index = 0; index < n; index += 1) {
    void limiter.acquire().then((release) => granted.push({ index, at: clock.now(), release }));
  }
  return granted;
}

describe("rate limiter", () => {
  it("spends a window's allowance at once instead of pacing at limit / 60 per second", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({
      allowedPerWindow: 100,
      windowMs: 60_000,
      headroom: 1,
      maxConcurrency: 200,
      clock,
    });
    const granted = acquireMany(limiter, clock, 101);
    await clock.advance(0);
    expect(granted.map((g) => g.at)).toEqual(Array.from({ length: 100 }, () => 0));
    for (const g of granted) g.release();
    await clock.advance(59_999);
    expect(granted).toHaveLength(100);
    await clock.advance(1);
    expect(granted.at(-1)).toMatchObject({ index: 100, at: 60_000 });
  });

  it("counts a request from when it is sent until a window after its answer, in flight included", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 3, windowMs: 1_000, headroom: 1, clock });
    const granted = acquireMany(limiter, clock, 5);
    await clock.advance(50);
    expect(granted.map((g) => g.at)).toEqual([0, 0, 0]);
    granted[0]!.release();
    await clock.advance(4_950);
    // The other two are still in flight: only the first answer frees room, a window after it came.
    expect(granted.map((g) => [g.index, g.at])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1_050],
    ]);
    granted[1]!.release();
    await clock.advance(999);
    expect(granted).toHaveLength(4);
    await clock.advance(1);
    expect(granted.map((g) => [g.index, g.at]).at(-1)).toEqual([4, 6_000]);
  });

  it("keeps a share of the allowance in reserve (headroom)", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 300, windowMs: 60_000, maxConcurrency: 1_000, clock });
    const granted = acquireMany(limiter, clock, 300);
    await clock.advance(0);
    expect(granted).toHaveLength(291);
    expect(limiter.room()).toBe(0);
  });

  it("takes the allowance from inin-ratelimit-allowed", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 300, windowMs: 1e4, headroom: 1, maxConcurrency: 2, clock });
    const granted = acquireMany(limiter, clock, 10);
    await clock.advance(0);
    expect(granted).toHaveLength(2);
    granted[0]!.release(report(1, 4, 10));
    await clock.advance(0);
    granted[1]!.release(report(2, 4, 10));
    await clock.advance(0);
    for (const g of granted.slice(2)) g.release();
    await clock.advance(9_999);
    expect(granted).toHaveLength(4);
    await clock.advance(1);
    expect(granted).toHaveLength(6);
  });

  it("treats a count above its own requests as someone else's use of the token, for a window", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 10, windowMs: 10e3, headroom: 1, maxConcurrency: 1, clock });
    const granted = acquireMany(limiter, clock, 12);
    await clock.advance(0);
    granted[0]!.release(report(8, 10, 4));
    await clock.advance(0);
    granted[1]!.release();
    await clock.advance(0);
    granted[2]!.release();
    await clock.advance(9_999);
    // 7 requests of someone else plus this limiter's 3 fill the allowance of 10 for a window.
    expect([granted.length, limiter.room()]).toEqual([3, 0]);
    await clock.advance(1);
    expect([granted.length, limiter.room()]).toEqual([4, 9]);
  });

  it("holds every caller until the reset when the service says the allowance is used", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 100, windowMs: 1e3, headroom: 1, maxConcurrency: 1, clock });
    const granted = acquireMany(limiter, clock, 2);
    await clock.advance(0);
    granted[0]!.release(report(100, 100, 3));
    await clock.advance(2_999);
    expect(granted).toHaveLength(1);
    await clock.advance(1);
    expect(granted.map((g) => g.at)).toEqual([0, 3_000]);
  });

  it("holds every caller after a 429 for Retry-After", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 100, clock });
    limiter.pauseFor(2_000);
    const granted = acquireMany(limiter, clock, 3);
    await clock.advance(1_999);
    expect(granted).toHaveLength(0);
    await clock.advance(1);
    expect(granted.map((g) => g.at)).toEqual([2_000, 2_000, 2_000]);
  });

  it("cancels its wake-up once no caller waits", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 2, windowMs: 60_000, headroom: 1, clock });
    const granted = acquireMany(limiter, clock, 3);
    await clock.advance(0);
    granted[0]!.release();
    await clock.advance(0);
    expect([granted.length, clock.pendingSleeps()]).toEqual([2, 1]);
    granted[1]!.release(report(2, 10, 60));
    await clock.advance(0);
    expect([granted.length, clock.pendingSleeps()]).toEqual([3, 0]);
  });

  it("bounds the calls in flight and serves waiting callers in arrival order", async () => {
    const clock = manualClock();
    const limiter = new OrgRateLimiter({ allowedPerWindow: 1_000, maxConcurrency: 2, clock });
    const granted = acquireMany(limiter, clock, 5);
    await clock.advance(0);
    expect(granted.map((g) => g.index)).toEqual([0, 1]);
    granted[1]!.release();
    granted[1]!.release();
    await clock.advance(0);
    expect(granted.map((g) => g.index)).toEqual([0, 1, 2]);
  });

  it("reads only whole numbers from the headers", () => {
    expect(windowReportOf(report(7, 300, 38))).toEqual({ count: 7, allowed: 300, resetSeconds: 38 });
    const nonsense = headers({ "inin-ratelimit-count": "x", "inin-ratelimit-allowed": "0" });
    expect(windowReportOf(nonsense)).toEqual({});
  });

  it("rejects bad settings naming the option", () => {
    const problem = (options: RateLimiterOptions) => () => new OrgRateLimiter(options);
    expect(problem({ allowedPerWindow: 0 })).toThrow(/^allowedPerWindow \(rateLimitPerMinute\): must be an integer/);
    expect(problem({ headroom: 1.5 })).toThrow(/^headroom \(rateLimitHeadroom\): must be above 0 and at most 1/);
    expect(problem({ windowMs: 0 })).toThrow(/^windowMs: must be a positive number/);
    expect(problem({ maxConcurrency: 0 })).toThrow(/^maxConcurrency: must be an integer of at least 1/);
  });
});

describe("rate limiter against the sandbox's limit over HTTP", () => {
  // 20 requests per token per 2-second window keep each run to seconds.
  const LIMIT = 20;
  const WINDOW_SECONDS = 2;
  const limiter = (options: { allowedPerWindow?: number; maxConcurrency?: number } = {}) =>
    new OrgRateLimiter({ allowedPerWindow: LIMIT, windowMs: WINDOW_SECONDS * 1000, maxConcurrency: 16, ...options });

  describe.each(["sliding", "fixed"] as const)("%s window", (rateLimitWindow) => {
    let sandbox: RunningGenesysSandbox;
    beforeAll(async () => {
      const options = { rateLimitPerMinute: LIMIT, rateLimitWindowSeconds: WINDOW_SECONDS, rateLimitWindow };
      sandbox = await startSandbox(options);
    });
    afterAll(() => sandbox.close());

    it("sends a window's allowance at once, then waits for room: work over several windows without a 429", async () => {
      const gc = clientFor(sandbox, undefined, { limiter: limiter() });
      await gc.getAccessToken();
      const before = (await sandboxRequests(sandbox)).length;
      const started = Date.now();
      const finished: number[] = [];
      const timed = () => gc.getOrganization().then((org) => (finished.push(Date.now() - started), org));
      const orgs = await Promise.all(Array.from({ length: 45 }, timed));
      expect(orgs.every((o) => o.thirdPartyOrgName === "acme-eu")).toBe(true);
      // (a) 19 (the allowance less the 3 % reserve) at once; pacing at the limit over the window would need 1.4 s
      // after a burst of 5, and 1.9 s without.
      finished.sort((a, b) => a - b);
      expect(finished[18]).toBeLessThan(1_200);
      // (b) 45 calls need three windows, and the sandbox answered none of them 429.
      expect(finished[44]).toBeGreaterThanOrEqual(2 * WINDOW_SECONDS * 1000);
      const answers = (await sandboxRequests(sandbox)).slice(before).filter((r) => r.path.startsWith("/api/"));
      expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 45 }, () => 200));
    }, 20_000);
  });

  it("slows to the allowance the service reports when it is lower than the one assumed", async () => {
    const sandbox = await startSandbox({ rateLimitPerMinute: 4, rateLimitWindowSeconds: WINDOW_SECONDS });
    try {
      const gc = clientFor(sandbox, undefined, { limiter: limiter({ allowedPerWindow: 300, maxConcurrency: 2 }) });
      await gc.getAccessToken();
      await Promise.all(Array.from({ length: 10 }, () => gc.getOrganization()));
      const answers = (await sandboxRequests(sandbox)).filter((r) => r.path.startsWith("/api/"));
      expect(answers.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 200));
    } finally {
      await sandbox.close();
    }
  }, 20_000);
});
