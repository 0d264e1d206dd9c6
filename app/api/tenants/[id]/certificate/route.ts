import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fileResponse, guardedRoute } from "@/lib/http/guarded-route";
import { CERTIFICATE_FILE_FORMATS, certificateFile } from "@/lib/tenants/certificate-file";

export const dynamic = "force-dynamic";

const query = z.object({
  id: z.uuid({ error: "must be a tenant id" }),
  format: z.enum(CERTIFICATE_FILE_FORMATS, { error: "must be pem or b64" }),
});

/** The tenant's SAML certificate (public material, never the key) as cert.pem or cert.pem.b64, for anyone who may read the tenant. */
export const GET = guardedRoute<{ id: string }>("tenant.read", async (request, { params }) => {
  const parsed = query.safeParse({ id: params.id, format: new URL(request.url).searchParams.get("format") ?? "pem" });
  if (!parsed.success)
    throw new AppError(
      "invalid_input",
      "Ask for a tenant's certificate as pem or b64.",
      z.flattenError(parsed.error).fieldErrors,
    );
  const file = await certificateFile(getDb(), { tenantId: parsed.data.id, format: parsed.data.format });
  return fileResponse(file.body, { contentType: file.contentType, fileName: file.fileName });
});
