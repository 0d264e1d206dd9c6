import { z } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, httpStatusOf } from "@/lib/errors";
import { loadTenantChecklist } from "@/lib/tenants/checklist";

export const dynamic = "force-dynamic";

/** The tenant's checklist (step states, latest runs) as JSON, polled by the checklist page while a run goes. No secrets. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requirePermission("tenant.read");
  } catch (error) {
    if (error instanceof AppError) return Response.json({ code: error.code, error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return Response.json({ code: "invalid_input", error: "This is not a tenant id." }, { status: 400 });
  const checklist = await loadTenantChecklist(getDb(), id);
  if (!checklist) return Response.json({ code: "not_found", error: "This tenant no longer exists." }, { status: 404 });
  return Response.json(checklist, { headers: { "Cache-Control": "no-store" } });
}
