import type { DbTx } from "@/lib/db/client";
import { listTenantOverview, overviewFilterChoices } from "./overview";
import { overviewCounts } from "./overview-counts";
import type { OverviewParams } from "./overview-params";

/** Everything the overview reads for one request, in parallel: the page of rows, the filter menus, the counters. */
export async function loadTenantOverview(db: DbTx, params: OverviewParams, now = new Date()) {
  const [page, choices, counts] = await Promise.all([
    listTenantOverview(db, params, now),
    overviewFilterChoices(db),
    overviewCounts(db, now),
  ]);
  return { page, choices, counts };
}
