import { describe, expect, it } from "vitest";
import { queuedFor, waitedFor } from "./waited";

describe("how long a run has been queued", () => {
  it("is said in seconds, then minutes, then hours", () => {
    expect(waitedFor(12_400)).toBe("12 s");
    expect(waitedFor(-5)).toBe("0 s");
    expect(waitedFor(185_000)).toBe("3 min 5 s");
    expect(waitedFor(42 * 60_000 + 30_000)).toBe("42 min");
    expect(waitedFor(125 * 60_000)).toBe("2 h 5 min");
  });

  it("is counted on the server's clock, plus the time since the checklist arrived", () => {
    const run = { queuedAt: "2026-12-05T10:00:00.000Z" };
    // The browser's clock is an hour behind the server's: it does not matter.
    const receivedAt = Date.parse("2026-12-05T09:00:20.000Z");
    const waited = queuedFor(run, { checkedAt: "2026-12-05T10:00:20.000Z", receivedAt, now: receivedAt + 5_000 });
    expect(waited).toBe(25_000);
  });
});
