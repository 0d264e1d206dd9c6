import { z } from "zod";
import { requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, httpStatusOf } from "@/lib/errors";
import { loadCertificatePage } from "@/lib/tenants/certificate-page";

export const dynamic = "force-dynamic";

/** The tenant's certificate and rotations (no key material) as JSON, polled by the certificate page while a rotation goes. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requirePermission("tenant.read");
  } catch (error) {
    if (error instanceof AppError)
      return Response.json({ code: error.code, error: error.message }, { status: httpStatusOf[error.code] });
    throw error;
  }
  const { id } = await params;
  if (!z.uuid().safeParse(id).success)
    return Response.json({ code: "invalid_input", error: "This is not a tenant id." }, { status: 400 });
  const page = await loadCertificatePage(getDb(), id);
  if (!page) return Response.json({ code: "not_found", error: "This tenant no longer exists." }, { status: 404 });
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
}
