import { getDb } from "@/lib/db/client";
import { fileResponse, guardedRoute } from "@/lib/http/guarded-route";
import { overviewCsvFileName, overviewCsvStream } from "@/lib/tenants/overview-export";
import { parseOverviewSearch } from "@/lib/tenants/overview-params";

export const dynamic = "force-dynamic";

/** Every tenant the overview's filters match (all pages, the same sort) as CSV, streamed batch by batch. */
export const GET = guardedRoute("tenant.read", async (request) => {
  const params = parseOverviewSearch(new URL(request.url).searchParams);
  return fileResponse(overviewCsvStream(getDb(), params), {
    contentType: "text/csv; charset=utf-8",
    fileName: overviewCsvFileName(),
  });
});
