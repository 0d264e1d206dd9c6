import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/guarded-route";
import { loadTenantOverview } from "@/lib/tenants/overview-data";
import { parseOverviewSearch } from "@/lib/tenants/overview-params";

export const dynamic = "force-dynamic";

/**
 * What the overview renders for its URL's parameters (the page of rows, counters, filter menus, runs in flight) as
 * JSON, polled by the overview so it moves while runs go. Parameters are read exactly as the page reads them.
 */
export const GET = guardedRoute("tenant.read", async (request) => {
  const params = parseOverviewSearch(new URL(request.url).searchParams);
  const overview = await loadTenantOverview(getDb(), params);
  return Response.json(overview, { headers: { "Cache-Control": "no-store" } });
});
