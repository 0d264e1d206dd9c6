import type { DbTx } from "@/lib/db/client";
import { pendingRunJobs } from "@/lib/jobs/queue-state";
import type { Serialized } from "@/lib/utils/serialized";
import { listTenantOverview, overviewFilterChoices } from "./overview";
import { overviewCounts } from "./overview-counts";
import type { OverviewParams } from "./overview-params";

/**
 * Runs still to finish: jobs waiting for or held by a worker, or runs recorded as queued or running under a live
 * lease (a dead worker's run does not count). The larger of the two, as a run may be in both.
 */
export async function runsInFlight(db: DbTx, now = new Date()): Promise<number> {
  const [jobs, runs] = await Promise.all([
    pendingRunJobs(db),
    db.run.count({ where: { OR: [{ status: "queued" }, { status: "running", leaseExpiresAt: { gt: now } }] } }),
  ]);
  return Math.max(jobs, runs);
}

/**
 * Everything the overview reads for one request, in parallel: the page of rows, the filter menus, the counters, and
 * how many runs are going (the page polls faster while there are some). The page renders it and
 * GET /api/tenants/overview answers it as JSON for the same parameters.
 */
export async function loadTenantOverview(db: DbTx, params: OverviewParams, now = new Date()) {
  const [page, choices, counts, inFlight] = await Promise.all([
    listTenantOverview(db, params, now),
    overviewFilterChoices(db),
    overviewCounts(db, now),
    runsInFlight(db, now),
  ]);
  return { page, choices, counts, runsInFlight: inFlight, checkedAt: now };
}

export type TenantOverviewData = Awaited<ReturnType<typeof loadTenantOverview>>;

/** The overview as the browser receives it, from the page and from the polled route alike. */
export type OverviewSnapshot = Serialized<TenantOverviewData>;
