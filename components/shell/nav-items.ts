import {
  Bell,
  Building,
  LayoutDashboard,
  Network,
  ScrollText,
  Server,
  Settings,
  Users,
  type LucideIcon,
} from "lucide-react";

type NavItem = { href: string; label: string; icon: LucideIcon };

/** The dashboard's main navigation, in display order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/tenants", label: "Tenants", icon: Building },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/network", label: "Network", icon: Network },
  { href: "/deployments", label: "Deployments", icon: Server },
  { href: "/users", label: "Users", icon: Users },
  { href: "/notifications", label: "Notifications", icon: Bell },
  { href: "/settings", label: "Settings", icon: Settings },
];

/** True when `href` is the current page or one of its sub-pages ("/" matches only itself). */
export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The items to show: all of them, or only those whose href is listed in `visibleNav`. */
export function visibleNavItems(visibleNav?: readonly string[]): readonly NavItem[] {
  if (!visibleNav) return NAV_ITEMS;
  const allowed = new Set(visibleNav);
  return NAV_ITEMS.filter((item) => allowed.has(item.href));
}
