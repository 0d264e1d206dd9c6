import { describe, expect, it } from "vitest";
import { certificateExpiry } from "./overview-certificate";

const now = new Date("2026-11-28T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const DAY = 86_400_000;

describe("certificate expiry", () => {
  it("warns under 60 days left, counts whole days down, and says expired once past", () => {
    expect(certificateExpiry(null, now)).toEqual({ state: "none" });
    expect(certificateExpiry(at(60 * DAY), now)).toMatchObject({ state: "valid", daysLeft: 60 });
    expect(certificateExpiry(at(60 * DAY - 1), now)).toMatchObject({ state: "expiring", daysLeft: 59 });
    expect(certificateExpiry(at(DAY / 2), now)).toMatchObject({ state: "expiring", daysLeft: 0 });
    expect(certificateExpiry(at(0), now)).toMatchObject({ state: "expired", daysAgo: 0 });
    expect(certificateExpiry(at(-3 * DAY - 1), now)).toMatchObject({ state: "expired", daysAgo: 3 });
  });
});
