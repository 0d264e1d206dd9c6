"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";
import { isActivePath, visibleNavItems } from "./nav-items";

type SidebarNavProps = {
  /** Hrefs of the items to show (e.g. without "/users" for non-admins); all when omitted. */
  visibleNav?: readonly string[];
  /** Called after a link is chosen, so the tablet drawer can close. */
  onNavigate?: () => void;
  className?: string;
};

export function SidebarNav({ visibleNav, onNavigate, className }: SidebarNavProps) {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main" className={className}>
      <ul className="grid gap-0.5">
        {visibleNavItems(visibleNav).map(({ href, label, icon: Icon }) => {
          const active = isActivePath(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                onClick={onNavigate}
                className={cn(
                  "relative flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
                  active
                    ? "bg-accent font-semibold text-accent-foreground before:absolute before:inset-y-1.5 before:left-0 before:w-1 before:rounded-full before:bg-primary"
                    : "text-sidebar-foreground hover:bg-muted hover:text-foreground",
                )}
              >
                <Icon aria-hidden="true" className="size-4 shrink-0" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
