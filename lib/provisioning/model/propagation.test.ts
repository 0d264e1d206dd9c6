import { describe, expect, it } from "vitest";
import { formatSeconds, refusalBackoffMs, retryRefusals } from "./propagation";

/** A clock that only moves when the retry sleeps. */
function fakeClock(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

class Refused extends Error {}
const isRefusal = (error: unknown) => error instanceof Refused;

/** Refused `times` times, then answers "ok". */
function refusedTimes(times: number) {
  let calls = 0;
  return {
    attempt: async () => {
      calls += 1;
      if (calls <= times) throw new Refused(`refusal ${calls}`);
      return "ok";
    },
    calls: () => calls,
  };
}

describe("retryRefusals", () => {
  it("asks again while a recent change may still be propagating, and returns the first success", async () => {
    const clock = fakeClock();
    const target = refusedTimes(3);
    const changedAt = new Date(clock.now());
    const outcome = await retryRefusals(target.attempt, isRefusal, { windowMs: 90_000, changedAt, ...clock });
    expect(outcome).toEqual({ ok: true, value: "ok", attempts: 4, elapsedMs: 1000 + 2000 + 4000 });
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it("gives up once the window after the change has passed, with how long it tried", async () => {
    const clock = fakeClock();
    const target = refusedTimes(1000);
    const changedAt = new Date(clock.now() - 60_000);
    const outcome = await retryRefusals(target.attempt, isRefusal, { windowMs: 90_000, changedAt, ...clock });
    expect(outcome).toMatchObject({ ok: false, elapsedMs: 30_000 });
    expect((outcome as { error: Error }).error.message).toBe(`refusal ${target.calls()}`);
    expect(clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(30_000);
  });

  it("confirms a refusal once when no change is known, instead of waiting the window", async () => {
    const clock = fakeClock();
    const target = refusedTimes(1000);
    const outcome = await retryRefusals(target.attempt, isRefusal, { windowMs: 90_000, changedAt: null, ...clock });
    expect(outcome).toMatchObject({ ok: false, attempts: 2, elapsedMs: 1000 });
    expect(target.calls()).toBe(2);
  });

  it("waits at most the window from now, whatever the change time says", async () => {
    const clock = fakeClock();
    const changedAt = new Date(clock.now() + 3_600_000);
    const target = refusedTimes(1000);
    const outcome = await retryRefusals(target.attempt, isRefusal, { windowMs: 2_000, changedAt, ...clock });
    expect(outcome).toMatchObject({ ok: false, elapsedMs: 2_000 });
  });

  it("takes the change time that explains the refusal at hand", async () => {
    const clock = fakeClock();
    const changedAt = (error: unknown) => ((error as Error).message === "refusal 1" ? new Date(clock.now()) : null);
    const target = refusedTimes(1000);
    const outcome = await retryRefusals(target.attempt, isRefusal, { windowMs: 90_000, changedAt, ...clock });
    expect(outcome).toMatchObject({ ok: false, attempts: 2 });
  });

  it("looks the change time up only after a refusal", async () => {
    const clock = fakeClock();
    let lookups = 0;
    const changedAt = async () => {
      lookups += 1;
      return null;
    };
    const outcome = await retryRefusals(refusedTimes(0).attempt, isRefusal, { windowMs: 90_000, changedAt, ...clock });
    expect(outcome).toMatchObject({ ok: true });
    expect(lookups).toBe(0);
  });

  it("rethrows anything that is not a refusal at once", async () => {
    const clock = fakeClock();
    const failing = async () => {
      throw new Error("boom");
    };
    const options = { windowMs: 90_000, changedAt: new Date(), ...clock };
    await expect(retryRefusals(failing, isRefusal, options)).rejects.toThrow("boom");
    expect(clock.sleeps).toEqual([]);
  });
});

describe("refusalBackoffMs and formatSeconds", () => {
  it("back off from 1/40 of the window (50 ms to 1 s) up to 1/6 of it (at most 15 s)", () => {
    const backoffs = [1, 2, 3, 4, 5, 6].map((attempt) => refusalBackoffMs(90_000, attempt));
    expect(backoffs).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000]);
    expect([1, 2, 3, 4].map((attempt) => refusalBackoffMs(2_000, attempt))).toEqual([50, 100, 200, 333]);
  });

  it("says seconds the way operators read them", () => {
    expect([450, 1500, 12_345, 90_000].map(formatSeconds)).toEqual(["0.5 s", "1.5 s", "12 s", "90 s"]);
  });
});
