import { auditCsvFileName, auditCsvStream } from "@/lib/audit/export";
import { parseAuditQuery } from "@/lib/audit/filters";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileResponse, guardedRoute } from "@/lib/http/guarded-route";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV (same parameters as the page), streamed batch by batch. */
export const GET = guardedRoute("audit.read", async (request) => {
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) throw new AppError("invalid_input", "Some filters need attention.", parsed.errors);
  return fileResponse(auditCsvStream(getDb(), parsed.value.filters), {
    contentType: "text/csv; charset=utf-8",
    fileName: auditCsvFileName(),
  });
});
