import { requirePermission } from "@/lib/auth/session";
import { auditCsvFileName, auditCsvStream } from "@/lib/audit/export";
import { parseAuditQuery } from "@/lib/audit/filters";
import { getDb } from "@/lib/db/client";
import { AppError, httpStatusOf } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** The filtered audit log as CSV (same parameters as the page), streamed batch by batch. */
export async function GET(request: Request) {
  try {
    await requirePermission("audit.read");
  } catch (error) {
    if (error instanceof AppError) return Response.json({ code: error.code, error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json({ code: "invalid_input", error: "Some filters need attention.", fieldErrors: parsed.errors }, { status: 400 });
  }
  return new Response(auditCsvStream(getDb(), parsed.value.filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${auditCsvFileName()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
