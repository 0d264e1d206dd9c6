import { describe, expect, it } from "vitest";
import { lowerBound } from "./bound";
import { longestSequentialChain, type TimedCall } from "./call-timeline";

const settings = { limitPerMinute: 300, meanLatencyMs: 40, concurrency: 10 };

describe("provisioning benchmark lower bound", () => {
  it("counts no rate term while each token's calls fit in a minute's allowance: the critical path decides", () => {
    const bound = lowerBound([{ apiCallsPerToken: [12, 1], criticalPath: 23 }], settings);
    expect(bound.rateSeconds).toBe(0);
    expect(bound.seconds).toBeCloseTo(23 * 0.04);
  });

  it("counts only the calls beyond the allowance, per token, at limit / 60 s", () => {
    expect(lowerBound([{ apiCallsPerToken: [450], criticalPath: 1 }], settings).seconds).toBeCloseTo(150 / 5);
    expect(lowerBound([{ apiCallsPerToken: [200, 200], criticalPath: 1 }], settings).rateSeconds).toBe(0);
  });

  it("is the longest tenant or the tenants' sum spread over the concurrency, whichever is longer", () => {
    const tenants = Array.from({ length: 50 }, () => ({ apiCallsPerToken: [12], criticalPath: 20 }));
    const bound = lowerBound(tenants, settings);
    const seconds = [bound.longest, bound.spread, bound.seconds].map((s) => s.toFixed(6));
    expect(seconds).toEqual(["0.800000", "4.000000", "4.000000"]);
  });
});

describe("critical path of a run", () => {
  const call = (start: number, end: number): TimedCall => ({ kind: "api", start, end });

  it("is the longest chain of calls that do not overlap", () => {
    // Two reads at once, then a write, then a sign-in that starts as the write ends.
    expect(longestSequentialChain([call(0, 40), call(1, 45), call(46, 90), call(90, 130)])).toBe(3);
    expect(longestSequentialChain([])).toBe(0);
  });
});
