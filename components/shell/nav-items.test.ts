import { describe, expect, it } from "vitest";
import { NAV_ITEMS, isActivePath, visibleNavItems } from "./nav-items";

describe("isActivePath", () => {
  it("marks Overview active only on the home page", () => {
    expect(isActivePath("/", "/")).toBe(true);
    expect(isActivePath("/tenants", "/")).toBe(false);
  });

  it("marks a section active on its own page and its sub-pages", () => {
    expect(isActivePath("/tenants", "/tenants")).toBe(true);
    expect(isActivePath("/tenants/abc/checklist", "/tenants")).toBe(true);
  });

  it("does not match a section whose name merely starts the same", () => {
    expect(isActivePath("/users-archive", "/users")).toBe(false);
    expect(isActivePath("/audit", "/tenants")).toBe(false);
  });
});

describe("visibleNavItems", () => {
  it("shows every item in order when no list is given", () => {
    expect(visibleNavItems().map((item) => item.label)).toEqual([
      "Overview",
      "Tenants",
      "Audit log",
      "Network",
      "Deployments",
      "Users",
      "Notifications",
      "Settings",
    ]);
  });

  it("keeps only the listed hrefs, in navigation order", () => {
    expect(visibleNavItems(["/audit", "/"]).map((item) => item.href)).toEqual(["/", "/audit"]);
  });

  it("hides everything for an empty list and ignores unknown hrefs", () => {
    expect(visibleNavItems([])).toEqual([]);
    expect(visibleNavItems(["/nowhere"])).toEqual([]);
    expect(NAV_ITEMS).toHaveLength(8);
  });
});
