import { createElement, type ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { Field, type FieldControlProps, type FieldProps } from "./field";
import { Input } from "./input";
import { renderStatic } from "./static-markup";

function render(
  props: Omit<FieldProps, "children">,
  control: FieldProps["children"] = createElement(Input, { name: "org" }),
) {
  // Called from a wrapper component because a render-function child is not a valid createElement child.
  return renderStatic(
    createElement(function FieldHarness() {
      return Field({ ...props, children: control });
    }),
  );
}

describe("Field", () => {
  it("labels the control and links the description", () => {
    const page = render({ label: "Org short name", description: "As shown in Genesys Cloud.", id: "org" });
    expect(page.first("label").getAttribute("for")).toBe("org");
    const input = page.first("input");
    expect(input.getAttribute("id")).toBe("org");
    expect(input.getAttribute("aria-describedby")).toBe("org-description");
    expect(input.hasAttribute("aria-invalid")).toBe(false);
    expect(page.byId("org-description").textContent).toBe("As shown in Genesys Cloud.");
  });

  it("marks the control invalid and announces every error message with it", () => {
    const page = render({
      label: "Client ID",
      description: "From the OAuth client.",
      error: ["Must be a UUID.", "Required."],
      id: "cid",
    });
    const input = page.first("input");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe("cid-description cid-error");
    expect(page.byId("cid-error").textContent).toBe("Must be a UUID. Required.");
  });

  it("treats an empty error list as valid", () => {
    const page = render({ label: "Name", error: [], id: "n" });
    expect(page.first("input").hasAttribute("aria-invalid")).toBe(false);
    expect(page.html).not.toContain("n-error");
  });

  it("generates an id when none is given and marks required fields", () => {
    const page = render({ label: "Name", required: true });
    const id = page.first("input").getAttribute("id");
    expect(id).toBeTruthy();
    expect(page.first("label").getAttribute("for")).toBe(id);
    expect(page.first("input").getAttribute("aria-required")).toBe("true");
  });

  it("passes the control props to a render function", () => {
    const seen: FieldControlProps[] = [];
    render({ label: "Region", error: "Choose a region.", id: "region" }, (control): ReactNode => {
      seen.push(control);
      return createElement("button", control, "Pick");
    });
    expect(seen).toEqual([{ id: "region", "aria-describedby": "region-error", "aria-invalid": true }]);
  });
});
