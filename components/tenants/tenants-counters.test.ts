import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { parseOverviewParams } from "@/lib/tenants/overview-params";
import { certificateDisplay } from "./status-display";
import { TenantsCounters } from "./tenants-counters";

const counts = {
  total: 10,
  byStatus: { done: 5, failed: 2, "needs-input": 1, running: 0, "in-progress": 1, "not-started": 1 },
  drifted: 3,
  provisionedDrifted: 2,
  certificateExpiring: 1,
};

describe("TenantsCounters", () => {
  it("links each counter to its filter alone, keeping sort and page size, and marks the current one", () => {
    const params = parseOverviewParams({ q: "acme", status: "failed", sort: "expiry", size: "50" });
    const page = renderStatic(createElement(TenantsCounters, { counts, basePath: "/tenants", params }));
    const link = (key: string) =>
      page.all("a").find((element) => element.getAttribute("data-testid") === `counter-${key}`)!;
    expect(link("failed").getAttribute("href")).toBe("/tenants?status=failed&sort=expiry&size=50");
    expect(link("drifted").getAttribute("href")).toBe("/tenants?drift=yes&sort=expiry&size=50");
    expect(link("certificate").getAttribute("href")).toBe("/tenants?cert=expiring&sort=expiry&size=50");
    expect(link("done").textContent).toContain("5");
    expect(link("done").textContent).toContain("Provisioned");
    // The search is part of the URL, so "failed" alone is not what is shown: no counter is current.
    expect(page.all("a").filter((element) => element.getAttribute("aria-current") === "true")).toHaveLength(0);
    const current = renderStatic(
      createElement(TenantsCounters, { counts, basePath: "/", params: parseOverviewParams({ drift: "yes" }) }),
    );
    expect(
      current
        .all("a")
        .filter((element) => element.getAttribute("aria-current") === "true")
        .map((element) => element.getAttribute("data-testid")),
    ).toEqual(["counter-drifted"]);
  });

  it("gives the chart a text equivalent with every status and its number", () => {
    const page = renderStatic(
      createElement(TenantsCounters, { counts, basePath: "/", params: parseOverviewParams({}) }),
    );
    const chart = page.all("div").find((element) => element.getAttribute("role") === "img")!;
    expect(chart.getAttribute("aria-label")).toBe(
      "Share of tenants by status. Failed: 2, Needs input: 1, Running: 0, In progress: 1, Not started: 1, Provisioned · 2 drifted: 5.",
    );
    expect(page.text()).toContain("10 tenants by status");
    expect(page.html).toContain("width:50%");
  });
});

describe("certificate column", () => {
  const expiresAt = new Date("2027-01-10T00:00:00Z");
  it("says it in words as well as colour: expired, expiring soon, or days left", () => {
    expect(certificateDisplay({ state: "expired", expiresAt, daysAgo: 0 })).toEqual({
      tone: "danger",
      label: "Expired",
      detail: "today",
    });
    expect(certificateDisplay({ state: "expired", expiresAt, daysAgo: 4 })).toMatchObject({
      label: "Expired",
      detail: "4 days ago",
    });
    expect(certificateDisplay({ state: "expiring", expiresAt, daysLeft: 1 })).toEqual({
      tone: "warning",
      label: "Expires soon: 1 day left",
      detail: "2027-01-10",
    });
    expect(certificateDisplay({ state: "valid", expiresAt, daysLeft: 90 })).toEqual({
      label: "90 days left",
      detail: "2027-01-10",
    });
    expect(certificateDisplay({ state: "none" })).toEqual({ label: "No certificate yet" });
  });
});
