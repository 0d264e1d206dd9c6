import { PageHeader } from "@/components/shell/page-header";
import { NewTenantDialog } from "@/components/tenants/new-tenant-dialog";
import { TenantsOverview } from "@/components/tenants/tenants-overview";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ignoredFilters, parseOverviewParams, type SearchParams } from "@/lib/tenants/overview-params";
import { IgnoredFiltersNotice } from "@/components/tenants/ignored-filters-notice";

export const metadata = { title: "Tenants" };

export default async function TenantsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePagePermission("tenant.read");
  const query = await searchParams;
  const params = parseOverviewParams(query);
  const deployments = can(user.role, "tenant.manage")
    ? await getDb().deployment.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, layout: true } })
    : [];
  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Tenants"
        description="Each tenant pairs a Configuration Server tenant with its Genesys Cloud organization."
        actions={deployments.length > 0 ? <NewTenantDialog deployments={deployments} /> : undefined}
      />
      <IgnoredFiltersNotice messages={ignoredFilters(query)} />
      <TenantsOverview
        basePath="/tenants"
        params={params}
        canRun={can(user.role, "provisioning.run")}
        canManage={can(user.role, "tenant.manage")}
      />
    </div>
  );
}
