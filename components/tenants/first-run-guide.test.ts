import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { DemoGuide } from "./demo-guide";
import { EmptyInstallationGuide } from "./first-run-guide";

describe("the first-run guides", () => {
  it("walks an installation without tenants through deployment, tenants and the first apply", () => {
    const guide = renderStatic(createElement(EmptyInstallationGuide, { hasDeployment: false, canManage: true }));
    expect(guide.all("li").map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Register the deployment/),
      expect.stringMatching(/^Add its tenants/),
      expect.stringMatching(/^Plan, then Apply/),
    ]);
    expect(guide.first("a").getAttribute("href")).toBe("/deployments");
    const later = renderStatic(createElement(EmptyInstallationGuide, { hasDeployment: true, canManage: false }));
    expect(later.text()).toContain("Done: a deployment is registered.");
    expect(later.text()).toContain("An admin or operator registers them");
    expect(later.all("a")).toHaveLength(0);
  });

  it("names the demo deployment and offers to hide itself", () => {
    const guide = renderStatic(createElement(DemoGuide, { deploymentName: "Sandbox (multi-tenant)" }));
    expect(guide.text()).toContain("Sandbox (multi-tenant) and its tenants run against the built-in sandboxes");
    expect(guide.first("button").textContent).toBe("Hide this guide");
  });
});
