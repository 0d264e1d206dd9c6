import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { Button } from "./button";
import { renderStatic } from "./static-markup";

describe("Button", () => {
  it("is a plain type=button so it never submits a form by accident", () => {
    const button = renderStatic(createElement(Button, null, "Save")).first("button");
    expect(button.getAttribute("type")).toBe("button");
    expect(button.hasAttribute("disabled")).toBe(false);
    expect(button.hasAttribute("aria-busy")).toBe(false);
  });

  it("keeps an explicit submit type", () => {
    expect(
      renderStatic(createElement(Button, { type: "submit" }, "Save"))
        .first("button")
        .getAttribute("type"),
    ).toBe("submit");
  });

  it("while loading is disabled, busy, shows a spinner and the pending text", () => {
    const page = renderStatic(createElement(Button, { loading: true, loadingText: "Saving…" }, "Save"));
    const button = page.first("button");
    expect(button.hasAttribute("disabled")).toBe(true);
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(button.textContent).toBe("Saving…");
    expect(page.first("svg").getAttribute("aria-hidden")).toBe("true");
  });

  it("renders its child with button styling when asChild is set", () => {
    const page = renderStatic(
      createElement(
        Button,
        { asChild: true, variant: "secondary" },
        createElement("a", { href: "/tenants" }, "Tenants"),
      ),
    );
    expect(page.all("button")).toHaveLength(0);
    const link = page.first("a");
    expect(link.getAttribute("href")).toBe("/tenants");
    expect(link.getAttribute("class")).toContain("bg-card");
  });
});
