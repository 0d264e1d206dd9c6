import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/guarded-route";
import { loadTenantChecklist } from "@/lib/tenants/checklist";

export const dynamic = "force-dynamic";

/** The tenant's checklist (step states, latest runs) as JSON, polled by the checklist page while a run goes. No secrets. */
export const GET = guardedRoute<{ id: string }>("tenant.read", async (_request, { params }) => {
  if (!z.uuid().safeParse(params.id).success) throw new AppError("invalid_input", "This is not a tenant id.");
  const checklist = await loadTenantChecklist(getDb(), params.id);
  if (!checklist) throw new AppError("not_found", "This tenant no longer exists.");
  return Response.json(checklist, { headers: { "Cache-Control": "no-store" } });
});
