import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Suspense } from "react";
import { ChainStatusPanel, ChainStatusSkeleton } from "@/components/audit/chain-status-panel";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { overviewStats } from "@/lib/users/overview-stats";
import { TenantsOverview } from "@/components/tenants/tenants-overview";
import { can } from "@/lib/auth/permissions";
import { ignoredFilters, parseOverviewParams, type SearchParams } from "@/lib/tenants/overview-params";
import { IgnoredFiltersNotice } from "@/components/tenants/ignored-filters-notice";

export const metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission("dashboard.view");
  const query = await searchParams;
  const params = parseOverviewParams(query);
  const db = getDb();
  const stats = await overviewStats(db);
  const counters = [
    { label: "Active users", value: stats.activeUsers, href: "/users" },
    { label: "Audit events", value: stats.auditEvents, href: "/audit" },
    { label: "Sealed secrets", value: stats.secrets, href: "/settings" },
  ];
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader title="Overview" description="The state of this Hybrid Provisioner installation." />
      <IgnoredFiltersNotice messages={ignoredFilters(query)} />
      {can(user.role, "tenant.read") ? (
        <TenantsOverview
          basePath="/"
          params={params}
          canRun={can(user.role, "provisioning.run")}
          canManage={can(user.role, "tenant.manage")}
        />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        {counters.map((counter) => (
          <Card key={counter.label}>
            <CardHeader>
              <CardDescription>{counter.label}</CardDescription>
              <CardTitle className="text-3xl tabular-nums">
                <Link href={counter.href} className="hover:underline">
                  {counter.value.toLocaleString("en")}
                </Link>
              </CardTitle>
            </CardHeader>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Audit log integrity</CardTitle>
          <CardDescription>
            {stats.lastEvent
              ? `Last event: ${stats.lastEvent.action} by ${stats.lastEvent.actorEmail ?? "system"} at ${stats.lastEvent.occurredAt.toISOString()}`
              : "No events recorded yet."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {/* The chain check walks the whole log: shared, cached, and streamed in after the rest of the page. */}
          <Suspense fallback={<ChainStatusSkeleton />}>
            <ChainStatusPanel />
          </Suspense>
        </CardContent>
      </Card>
    </div>
  );
}
