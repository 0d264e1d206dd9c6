import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { ChainStatus, checkAge } from "./chain-status";

describe("the chain status card", () => {
  it("says how old its check is", () => {
    expect(checkAge(20_000)).toBe("just now");
    expect(checkAge(60_000)).toBe("1 minute ago");
    expect(checkAge(14 * 60_000)).toBe("14 minutes ago");
    expect(checkAge(5 * 3_600_000)).toBe("5 hours ago");
    const card = renderStatic(
      createElement(ChainStatus, {
        report: { ok: true, checked: 3 },
        checkedAt: new Date("2026-12-05T12:00:00Z"),
        refreshing: true,
        ageMs: 14 * 60_000,
      }),
    );
    expect(card.text()).toContain("Checked 14 minutes ago (2026-12-05 12:00:00 UTC); checking again now");
  });
});
