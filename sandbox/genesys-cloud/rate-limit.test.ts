import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { MinuteWindowLimiter } from "./rate-limit";
import { ACME, api, tokenFor, withSandbox } from "./test-support";

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}

describe("sliding request window (the API's default)", () => {
  it("refuses a burst straddling a fixed window's reset: no minute ever holds more than the limit", () => {
    const c = clock();
    const limiter = new MinuteWindowLimiter(3, { windowMs: 60_000, now: c.now, mode: "sliding" });
    c.t = 0;
    expect(limiter.take("token").allowed).toBe(true);
    c.t = 59_000;
    expect([limiter.take("token").allowed, limiter.take("token").allowed]).toEqual([true, true]);
    // A fixed window opened at 0 would reset at 60 s and take three more here.
    c.t = 60_000;
    expect(limiter.take("token")).toEqual({ allowed: true, count: 3, limit: 3, resetSeconds: 59 });
    expect(limiter.take("token")).toEqual({ allowed: false, count: 3, limit: 3, resetSeconds: 59 });
    c.t = 118_999;
    expect(limiter.take("token").allowed).toBe(false);
    c.t = 119_000;
    expect(limiter.take("token")).toMatchObject({ allowed: true, count: 2 });
  });

  it("reports the seconds until the oldest counted request leaves the window (a window for a first request)", () => {
    const c = clock();
    const limiter = new MinuteWindowLimiter(300, { windowMs: 60_000, now: c.now, mode: "sliding" });
    c.t = 1_000;
    expect(limiter.take("token")).toEqual({ allowed: true, count: 1, limit: 300, resetSeconds: 60 });
    c.t = 23_500;
    expect(limiter.take("token")).toEqual({ allowed: true, count: 2, limit: 300, resetSeconds: 38 });
    expect(limiter.take("other")).toMatchObject({ count: 1, resetSeconds: 60 });
  });

  it("does not count refused requests", () => {
    const c = clock();
    const limiter = new MinuteWindowLimiter(2, { windowMs: 1_000, now: c.now, mode: "sliding" });
    for (let i = 0; i < 5; i += 1) limiter.take("token");
    c.t = 999;
    expect(limiter.take("token")).toEqual({ allowed: false, count: 2, limit: 2, resetSeconds: 1 });
    c.t = 1_000;
    expect(limiter.take("token")).toMatchObject({ allowed: true, count: 1 });
  });
});

describe("the sandbox's API limit over HTTP", () => {
  it("counts a sliding window per token by default", async () => {
    const sandbox = await withSandbox({ rateLimitPerMinute: 2, rateLimitWindowSeconds: 2 });
    try {
      const token = await tokenFor(sandbox.url, ACME);
      const me = () => api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" });
      const started = Date.now();
      expect((await me()).status).toBe(200);
      await sleep(1_000);
      expect((await me()).status).toBe(200);
      await sleep(2_200 - (Date.now() - started));
      // A fixed window opened by the first request has reset by now; the sliding one still holds the second request.
      const third = await me();
      expect([third.status, third.headers.get("inin-ratelimit-count")]).toEqual([200, "2"]);
      const fourth = await me();
      expect(fourth.status).toBe(429);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await sandbox.close();
    }
  });
});

describe("fixed request window", () => {
  it("opens with a key's first request and resets whole", () => {
    const c = clock();
    const limiter = new MinuteWindowLimiter(3, { windowMs: 60_000, now: c.now, mode: "fixed" });
    c.t = 5_000;
    expect(limiter.take("token")).toEqual({ allowed: true, count: 1, limit: 3, resetSeconds: 60 });
    c.t = 64_000;
    const allowed = () => limiter.take("token").allowed;
    expect([allowed(), allowed(), allowed()]).toEqual([true, true, false]);
    c.t = 65_000;
    expect(limiter.take("token")).toEqual({ allowed: true, count: 1, limit: 3, resetSeconds: 60 });
  });
});

describe("settings", () => {
  it("rejects a limit below one and a window that is not positive", () => {
    expect(() => new MinuteWindowLimiter(0)).toThrow(/^rate limit: must be an integer of at least 1/);
    expect(() => new MinuteWindowLimiter(10, { windowMs: 0 })).toThrow(/^rate-limit window: must be a positive length/);
  });
});
