import { Building, SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/lib/db/client";
import { loadTenantOverview } from "@/lib/tenants/overview-data";
import { hasFilters, overviewQueryString, type OverviewParams } from "@/lib/tenants/overview-params";
import { cataloguePhases, PHASE_LABELS } from "@/lib/tenants/phases";
import { TenantsCounters } from "./tenants-counters";
import { TenantsFilters } from "./tenants-filters";
import { TenantsPagination } from "./tenants-pagination";
import { TenantsTable } from "./tenants-table";

/** Counters, filters, the table, and pages of the tenants overview; the state lives in the URL of basePath. */
export async function TenantsOverview({
  basePath,
  params,
  canRun,
}: {
  basePath: string;
  params: OverviewParams;
  canRun: boolean;
}) {
  const { page, choices, counts } = await loadTenantOverview(getDb(), params);
  const phases = cataloguePhases().map((phase) => ({ phase, label: PHASE_LABELS[phase] }));
  if (page.total === 0 && !hasFilters(params)) {
    return (
      <EmptyState
        icon={Building}
        title="No tenants registered"
        description="Tenants belong to a deployment: register the deployment, then add its tenants there."
        action={
          <Button asChild variant="outline">
            <Link href="/deployments">Go to deployments</Link>
          </Button>
        }
      />
    );
  }
  return (
    <div className="grid gap-4">
      <TenantsCounters counts={counts} basePath={basePath} params={params} />
      <Card>
        <CardContent className="grid gap-4 pt-4">
          {/* Keyed by the URL so a counter link or Clear resets the controls to what the URL says. */}
          <TenantsFilters
            key={overviewQueryString(params)}
            basePath={basePath}
            params={params}
            deployments={choices.deployments}
            regions={choices.regions}
          />
          {page.total === 0 ? (
            <EmptyState
              icon={SearchX}
              title="No tenant matches these filters"
              action={
                <Button asChild variant="outline">
                  <Link href={basePath}>Clear filters</Link>
                </Button>
              }
            />
          ) : (
            <>
              <TenantsTable
                rows={page.rows}
                phases={phases}
                params={{ ...params, page: page.page }}
                basePath={basePath}
                canRun={canRun}
              />
              <TenantsPagination
                basePath={basePath}
                params={params}
                page={page.page}
                pageCount={page.pageCount}
                total={page.total}
              />
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
