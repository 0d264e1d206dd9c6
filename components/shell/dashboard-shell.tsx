import type { ReactNode } from "react";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { Brand } from "./brand";
import { MobileNav } from "./mobile-nav";
import { RoleBadge } from "./role-badge";
import { SidebarNav } from "./sidebar-nav";
import { SignOutButton } from "./sign-out-button";

export type ShellUser = { name: string; email: string; role: string };

export type DashboardShellProps = {
  user: ShellUser;
  /** Hrefs of the navigation items this user may see (e.g. omit "/users" for non-admins); all when omitted. */
  visibleNav?: string[];
  children: ReactNode;
};

/** The signed-in frame: header with product and user, sidebar navigation (a drawer below 1024 px), main content. */
export function DashboardShell({ user, visibleNav, children }: DashboardShellProps) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main-content"
        className="fixed left-3 top-3 z-[60] -translate-y-24 rounded-md border border-border bg-card px-3 py-2 text-sm font-medium shadow-md focus:translate-y-0"
      >
        Skip to main content
      </a>
      <header className="sticky top-0 z-40 flex h-14 shrink-0 items-center gap-2 border-b border-border bg-card px-3 sm:px-4 lg:px-5">
        <MobileNav visibleNav={visibleNav} />
        <Brand />
        <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-3">
          <div className="hidden min-w-0 text-right leading-tight sm:block">
            <p className="truncate text-sm font-medium">{user.name}</p>
            <p className="truncate text-xs text-muted-foreground">{user.email}</p>
          </div>
          <RoleBadge role={user.role} />
          <Link
            href="/api-tokens"
            aria-label="API tokens"
            title="API tokens"
            className="inline-flex size-9 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <KeyRound aria-hidden="true" className="size-4" />
          </Link>
          <SignOutButton />
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 overflow-y-auto border-r border-border bg-sidebar p-3 lg:block">
          <SidebarNav visibleNav={visibleNav} />
        </aside>
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8">
          <div className="mx-auto w-full max-w-7xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
