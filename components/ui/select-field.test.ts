import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { SelectField } from "./select-field";
import { renderStatic } from "./static-markup";

const layouts = [
  { value: "multi-tenant", label: "Multi-tenant" },
  { value: "single-tenant", label: "Single-tenant" },
] as const;

describe("SelectField", () => {
  it("labels the select's trigger and announces the description and the error with it", () => {
    const page = renderStatic(
      createElement(SelectField, {
        label: "Layout",
        description: "One tenant or many.",
        error: ["Choose one."],
        required: true,
        options: layouts,
        name: "layout",
      }),
    );
    const trigger = page.first("button");
    const id = trigger.getAttribute("id")!;
    expect(page.first("label").getAttribute("for")).toBe(id);
    expect(trigger.getAttribute("aria-describedby")).toBe(`${id}-description ${id}-error`);
    expect(trigger.getAttribute("aria-invalid")).toBe("true");
    expect(trigger.getAttribute("aria-required")).toBe("true");
    expect(page.byId(`${id}-error`).textContent).toBe("Choose one.");
  });

  it("shows the chosen option's label before hydration when asked to", () => {
    const page = renderStatic(
      createElement(SelectField, { label: "Layout", options: layouts, value: "single-tenant", labelOnServer: true }),
    );
    expect(page.first("button").textContent).toContain("Single-tenant");
  });
});
