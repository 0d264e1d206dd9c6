"use client";

import Link from "next/link";
import { Download, SearchX } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { Phase } from "@/lib/provisioning";
import type { OverviewSnapshot } from "@/lib/tenants/overview-data";
import { overviewQueryString, type OverviewParams } from "@/lib/tenants/overview-params";
import { TenantsCounters } from "./tenants-counters";
import { TenantsFilters } from "./tenants-filters";
import { TenantsPagination } from "./tenants-pagination";
import { TenantsTable } from "./tenants-table";
import { BUSY_POLL_MS, IDLE_POLL_MS, useOverviewSnapshot } from "./use-overview-snapshot";

const seconds = (ms: number) => `${ms / 1000} s`;
const clock = (iso: string) => `${iso.slice(11, 19)} UTC`;

/**
 * The overview's counters, chart, filters, table and pages, kept live while runs go. Polls replace only the data:
 * the URL (filters, sort, page), the row selection, the column choice and the scroll position stay as they are.
 */
export function TenantsOverviewLive({
  initial,
  basePath,
  params,
  phases,
  canRun,
}: {
  initial: OverviewSnapshot;
  basePath: string;
  params: OverviewParams;
  phases: { phase: Phase; label: string }[];
  canRun: boolean;
}) {
  const queryString = overviewQueryString(params);
  const { snapshot, error, onQueued, fast } = useOverviewSnapshot(initial, queryString);
  const { page, choices, counts } = snapshot;
  const exportHref = `/api/tenants/export${overviewQueryString({ ...params, page: 1 })}`;

  return (
    <div className="grid gap-4">
      <TenantsCounters counts={counts} basePath={basePath} params={params} />
      <Card>
        <CardContent className="grid gap-4 pt-4">
          {/* Keyed by the URL so a counter link or Clear resets the controls to what the URL says. */}
          <TenantsFilters
            key={queryString}
            basePath={basePath}
            params={params}
            deployments={choices.deployments}
            regions={choices.regions}
          />
          {error ? (
            <Alert variant="warning" title="Live updates paused">
              {error.message} The overview shows the last state it received and tries again.
            </Alert>
          ) : null}
          <p className="text-xs text-muted-foreground" data-testid="overview-updated">
            Updated {clock(snapshot.checkedAt)}; refreshes every {seconds(fast ? BUSY_POLL_MS : IDLE_POLL_MS)}
            {fast ? " while runs go" : ""}.
          </p>
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
                onQueued={onQueued}
                tools={
                  <Button asChild variant="outline" size="sm">
                    <a href={exportHref} download>
                      <Download aria-hidden="true" /> Export CSV
                    </a>
                  </Button>
                }
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
