import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { StatusChip, type StatusTone } from "./status-chip";
import { renderStatic } from "./static-markup";

const tones: StatusTone[] = ["neutral", "info", "progress", "success", "warning", "danger"];

describe("StatusChip", () => {
  it.each(tones)("shows the %s status as text with a decorative icon, not by colour alone", (tone) => {
    const page = renderStatic(createElement(StatusChip, { tone, label: "Drifted" }));
    expect(page.text()).toBe("Drifted");
    expect(page.first("svg").getAttribute("aria-hidden")).toBe("true");
    expect(page.first("span").getAttribute("data-tone")).toBe(tone);
  });

  it("uses a different icon for each meaning", () => {
    const icons = tones.map((tone) =>
      renderStatic(createElement(StatusChip, { tone, label: "x" }))
        .first("svg")
        .getAttribute("class"),
    );
    expect(new Set(icons).size).toBe(tones.length);
  });
});
