import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import type { TransactionObjectView } from "@/lib/tenants/transaction-object";
import { LiveStatus } from "./live-status";

const view = (overrides: Partial<TransactionObjectView>): TransactionObjectView => ({
  tenant: {
    id: "t",
    cfgTenantName: "Acme",
    label: "Sandbox/Acme",
    deploymentName: "Sandbox",
    gaxBaseUrl: "http://gax.example",
    layout: "multi-tenant",
  },
  targetTenant: "Acme",
  ready: true,
  problem: null,
  waitingFor: [],
  name: "hybrid_integration",
  alias: "hybrid_integration",
  sections: [],
  annex: null,
  extra: [],
  live: {
    status: "compared",
    gaxTenant: "Acme",
    objectMissing: false,
    attributeChanges: [],
    comparedAt: "2026-01-01T10:00:00.000Z",
  },
  counts: { same: 13, differs: 0, missing: 0, extra: 0, unknown: 0 },
  ...overrides,
});

const statusOf = (page: ReturnType<typeof renderStatic>) =>
  page
    .all("div")
    .find((element) => element.getAttribute("data-testid") === "live-status")!
    .getAttribute("data-status");

describe("LiveStatus", () => {
  it("says GAX holds exactly the values when every owned key is the same, with the counts in words", () => {
    const page = renderStatic(createElement(LiveStatus, { view: view({}) }));
    expect(statusOf(page)).toBe("same");
    expect(page.text()).toContain("All 13 options the provisioner owns are the same in tenant Acme.");
    expect(page.text()).toContain("13 same");
    expect(page.text()).toContain("0 differs");
  });

  it("asks for Apply when keys differ or the state is off", () => {
    const page = renderStatic(
      createElement(LiveStatus, {
        view: view({
          counts: { same: 11, differs: 1, missing: 1, extra: 2, unknown: 0 },
          live: {
            status: "compared",
            gaxTenant: "Acme",
            objectMissing: false,
            attributeChanges: [{ attribute: "state", from: "CFGDisabled", to: "CFGEnabled" }],
            comparedAt: "2026-01-01T10:00:00.000Z",
          },
        }),
      }),
    );
    expect(statusOf(page)).toBe("different");
    expect(page.text()).toContain("GAX differs from what the provisioner writes");
    expect(page.text()).toContain("The object's state is CFGDisabled; Apply sets it to CFGEnabled.");
    expect(page.text()).toContain("2 extra");
  });

  it("when GAX cannot be read: the reason and what to check, as an alert", () => {
    const page = renderStatic(
      createElement(LiveStatus, {
        view: view({
          live: {
            status: "unavailable",
            message: "GAX did not answer (POST /gax/api/session/login).",
            checks: ["GAX answers at http://gax.example from this server."],
          },
        }),
      }),
    );
    const alert = page.all("div").find((element) => element.getAttribute("role") === "alert")!;
    expect(alert.textContent).toContain("Could not compare with GAX");
    expect(alert.textContent).toContain("GAX did not answer");
    expect(page.all("li").map((item) => item.textContent)).toEqual([
      "GAX answers at http://gax.example from this server.",
    ]);
  });
});
