import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { DashboardShell, type DashboardShellProps } from "./dashboard-shell";
import { RoleBadge } from "./role-badge";

const user = { name: "Ada Lovelace", email: "ada@example.com", role: "viewer" };

function navLabels(page: ReturnType<typeof renderStatic>) {
  return page.all("nav").flatMap((nav) => Array.from(nav.getElementsByTagName("a")).map((a) => a.textContent));
}

describe("DashboardShell", () => {
  it("shows the product, the signed-in user with role, sign-out and the page content", () => {
    const page = renderStatic(
      createElement(DashboardShell, { user } as DashboardShellProps, createElement("p", null, "Page body")),
    );
    const header = page.first("header");
    expect(header.textContent).toContain("Hybrid Provisioner");
    expect(header.textContent).toContain("Ada Lovelace");
    expect(header.textContent).toContain("ada@example.com");
    expect(header.textContent).toContain("Role: Viewer");
    expect(header.textContent).toContain("Sign out");
    expect(page.byId("main-content").textContent).toBe("Page body");
    expect(page.first("a").getAttribute("href")).toBe("#main-content");
  });

  it("links every user to their API tokens from the header", () => {
    const page = renderStatic(createElement(DashboardShell, { user } as DashboardShellProps, null));
    const links = Array.from(page.first("header").getElementsByTagName("a"));
    const tokens = links.find((link) => link.getAttribute("href") === "/api-tokens");
    expect(tokens?.getAttribute("aria-label")).toBe("API tokens");
  });

  it("lists every navigation item in the sidebar when no restriction is given", () => {
    const page = renderStatic(createElement(DashboardShell, { user } as DashboardShellProps, null));
    expect(navLabels(page)).toEqual([
      "Overview",
      "Tenants",
      "Audit log",
      "Network",
      "Deployments",
      "Users",
      "Notifications",
      "Settings",
    ]);
    expect(page.first("nav").getAttribute("aria-label")).toBe("Main");
    // Rendered outside a request the path is "/", so exactly the Overview link is the current page.
    const current = page.all("a").filter((a) => a.getAttribute("aria-current") === "page");
    expect(current.map((a) => a.textContent)).toEqual(["Overview"]);
  });

  it("hides the items the role may not see", () => {
    const page = renderStatic(
      createElement(DashboardShell, { user, visibleNav: ["/", "/tenants", "/audit"] } as DashboardShellProps, null),
    );
    expect(navLabels(page)).toEqual(["Overview", "Tenants", "Audit log"]);
    expect(page.html).not.toContain('href="/users"');
  });
});

describe("RoleBadge", () => {
  it("names the known roles and shows unknown ones as they are", () => {
    expect(renderStatic(createElement(RoleBadge, { role: "admin" })).text()).toBe("Role: Admin");
    expect(renderStatic(createElement(RoleBadge, { role: "operator" })).text()).toBe("Role: Operator");
    expect(renderStatic(createElement(RoleBadge, { role: "auditor" })).text()).toBe("Role: auditor");
    expect(renderStatic(createElement(RoleBadge, { role: "toString" })).text()).toBe("Role: toString");
  });
});
