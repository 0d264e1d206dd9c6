import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { Alert } from "./alert";
import { renderStatic } from "./static-markup";

describe("Alert", () => {
  it("announces errors and warnings at once with role=alert", () => {
    for (const variant of ["error", "warning"] as const) {
      const page = renderStatic(
        createElement(Alert, { variant, title: "Could not reach GAX" }, "Check the URL, then retry."),
      );
      const alert = page.first("div");
      expect(alert.getAttribute("role")).toBe("alert");
      expect(page.text()).toBe("Could not reach GAXCheck the URL, then retry.");
    }
  });

  it("uses the polite status role for info and success, unless told otherwise", () => {
    expect(
      renderStatic(createElement(Alert, { variant: "info", title: "Sandbox" }))
        .first("div")
        .getAttribute("role"),
    ).toBe("status");
    expect(
      renderStatic(createElement(Alert, { variant: "success", title: "Done" }))
        .first("div")
        .getAttribute("role"),
    ).toBe("status");
    expect(
      renderStatic(createElement(Alert, { variant: "error", role: "note", title: "Old failure" }))
        .first("div")
        .getAttribute("role"),
    ).toBe("note");
  });
});
