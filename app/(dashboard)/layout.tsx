import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { NAV_ITEMS } from "@/components/shell/nav-items";
import { can, type Action } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

const navPermission: Record<string, Action> = {
  "/": "dashboard.view",
  "/tenants": "tenant.read",
  "/audit": "audit.read",
  "/network": "network.read",
  "/deployments": "deployment.read",
  "/users": "user.manage",
  "/notifications": "settings.manage",
  "/settings": "settings.read",
};

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const visibleNav = NAV_ITEMS.map((item) => item.href).filter((href) => {
    const action = navPermission[href];
    return action !== undefined && can(user.role, action);
  });
  return (
    <DashboardShell user={user} visibleNav={visibleNav}>
      {children}
    </DashboardShell>
  );
}
