import { Suspense } from "react";
import { Download } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { AuditFilterForm, type AuditFilterValues } from "@/components/audit/audit-filter-form";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { ChainStatusPanel, ChainStatusSkeleton } from "@/components/audit/chain-status-panel";
import { requirePagePermission } from "@/lib/auth/session";
import { auditActions } from "@/lib/audit/events";
import { latestTargetLabel, tenantChoices } from "@/lib/audit/filter-choices";
import { auditQueryString, hasAuditFilters, parseAuditQuery } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/audit/queries";
import { getDb } from "@/lib/db/client";

export const metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

const filterKeys = ["tenant", "targetType", "targetId", "actor", "action", "outcome", "from", "to", "q"] as const;
const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("audit.read");
  const params = await searchParams;
  const values: AuditFilterValues = Object.fromEntries(
    filterKeys.map((key) => [key, firstValue(params[key])]).filter(([, value]) => value),
  );
  const parsed = parseAuditQuery(params);
  const db = getDb();
  const filters = parsed.ok ? parsed.value.filters : {};
  const cursor = parsed.ok ? parsed.value.cursor : undefined;
  const [tenants, page, targetLabel] = await Promise.all([
    tenantChoices(db),
    parsed.ok ? listAuditEvents(db, { filters, cursor }) : undefined,
    filters.targetType && filters.targetId && filters.targetType !== "tenant"
      ? latestTargetLabel(db, filters.targetType, filters.targetId)
      : undefined,
  ]);

  return (
    <div className="grid grid-cols-1 gap-6">
      <PageHeader
        title="Audit log"
        description="Every sign-in, change and secret reveal, append-only and hash-chained. Times are UTC."
        actions={
          parsed.ok ? (
            <Button asChild variant="outline">
              <a href={`/api/audit/export${auditQueryString(filters)}`} download>
                <Download aria-hidden="true" />
                Export CSV
              </a>
            </Button>
          ) : null
        }
      />
      <Suspense fallback={<ChainStatusSkeleton />}>
        <ChainStatusPanel />
      </Suspense>
      <Card>
        <CardHeader>
          <CardTitle>Filters</CardTitle>
        </CardHeader>
        <CardContent>
          <AuditFilterForm
            values={values}
            errors={parsed.ok ? {} : parsed.errors}
            actions={auditActions}
            tenants={tenants}
            targetLabel={targetLabel}
          />
        </CardContent>
      </Card>
      {page ? (
        <>
          <AuditTable events={page.events} filtered={hasAuditFilters(filters) || cursor !== undefined} />
          <AuditPagination filters={filters} newer={page.newer} older={page.older} onFirstPage={cursor === undefined} />
        </>
      ) : (
        <Alert variant="error" title="Some filters need attention">
          Correct the fields marked above, or clear the filters to see the newest events.
        </Alert>
      )}
    </div>
  );
}
