import Link from "next/link";
import { StatusChip, type StatusTone } from "@/components/ui/status-chip";
import { CERTIFICATE_WARNING_DAYS } from "@/lib/tenants/overview-certificate";
import type { OverviewCounts } from "@/lib/tenants/overview-counts";
import { overviewQueryString, type OverviewParams } from "@/lib/tenants/overview-params";
import type { TenantStatus } from "@/lib/tenants/statuses";
import { cn } from "@/lib/utils/cn";
import { tenantStatusDisplay, tenantSummaryDisplay } from "./status-display";

/** Worst first, so what needs the operator is read first. */
const STATUS_ORDER: TenantStatus[] = ["failed", "needs-input", "running", "in-progress", "not-started", "done"];

const barColour: Record<StatusTone, string> = {
  neutral: "bg-muted-foreground",
  info: "bg-info",
  progress: "bg-info",
  success: "bg-success",
  warning: "bg-warning",
  danger: "bg-danger",
};

type Filter = Pick<OverviewParams, "status" | "drift" | "cert">;
type Counter = { key: string; label: string; value: number; tone: StatusTone; filter: Filter };

const percent = (value: number, total: number) => (total === 0 ? 0 : Math.round((value / total) * 100));

/** Counters of the whole installation (not the current filters); each links to the overview with that filter alone. */
export function TenantsCounters({
  counts,
  basePath,
  params,
}: {
  counts: OverviewCounts;
  basePath: string;
  params: OverviewParams;
}) {
  const cleared: OverviewParams = {
    ...params,
    q: undefined,
    deployment: undefined,
    region: undefined,
    status: undefined,
    drift: undefined,
    cert: undefined,
    page: 1,
  };
  const href = (filter: Filter) => `${basePath}${overviewQueryString(cleared, filter)}`;
  const isCurrent = (filter: Filter) => overviewQueryString(params) === overviewQueryString(cleared, filter);
  const statuses = STATUS_ORDER;
  const counters: Counter[] = [
    ...statuses.map((status) => ({
      key: status,
      ...tenantStatusDisplay[status],
      value: counts.byStatus[status],
      filter: { status },
    })),
    { key: "drifted", label: "Drifted", tone: "warning", value: counts.drifted, filter: { drift: "yes" } },
    {
      key: "certificate",
      label: `Certificate < ${CERTIFICATE_WARNING_DAYS} days`,
      tone: "warning",
      value: counts.certificateExpiring,
      filter: { cert: "expiring" },
    },
  ];
  // "Provisioned · 2 drifted": provisioned tenants are not all as applied.
  const chartLabel = (status: TenantStatus) =>
    tenantSummaryDisplay({ status, driftedSteps: status === "done" ? counts.provisionedDrifted : 0 }).label;
  const summary = statuses.map((status) => `${chartLabel(status)}: ${counts.byStatus[status]}`).join(", ");

  return (
    <section
      aria-labelledby="tenant-counters-title"
      className="grid gap-3 rounded-lg border border-border bg-card p-4 text-card-foreground shadow-xs"
    >
      <h2 id="tenant-counters-title" className="text-base font-semibold">
        {counts.total.toLocaleString("en")} tenant{counts.total === 1 ? "" : "s"} by status
      </h2>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-2">
        {counters.map((counter) => (
          <li key={counter.key}>
            <Link
              href={href(counter.filter)}
              aria-current={isCurrent(counter.filter) ? "true" : undefined}
              data-testid={`counter-${counter.key}`}
              className={cn(
                "grid h-full gap-1 rounded-md border border-border p-3 hover:bg-accent hover:text-accent-foreground",
                isCurrent(counter.filter) && "border-ring ring-1 ring-ring",
              )}
            >
              <span className="text-2xl font-semibold tabular-nums">{counter.value.toLocaleString("en")}</span>
              <StatusChip tone={counter.tone} label={counter.label} />
              <span className="sr-only">, show these tenants</span>
            </Link>
          </li>
        ))}
      </ul>
      {/* The chart repeats the status numbers as bars; its text equivalent is the label below and the list above. */}
      <figure className="grid gap-1.5">
        <figcaption className="text-xs text-muted-foreground">Share of tenants by status</figcaption>
        <div role="img" aria-label={`Share of tenants by status. ${summary}.`} className="grid gap-1">
          {statuses.map((status) => {
            const display = tenantStatusDisplay[status];
            const share = percent(counts.byStatus[status], counts.total);
            return (
              <div
                key={status}
                className="grid grid-cols-[7rem_1fr_3rem] items-center gap-2 text-xs"
                aria-hidden="true"
              >
                <span className="truncate">{chartLabel(status)}</span>
                <span className="h-2.5 overflow-hidden rounded-full bg-muted">
                  <span
                    className={cn("block h-full rounded-full", barColour[display.tone])}
                    style={{ width: `${share}%` }}
                  />
                </span>
                <span className="text-right tabular-nums text-muted-foreground">{share}%</span>
              </div>
            );
          })}
        </div>
      </figure>
    </section>
  );
}
