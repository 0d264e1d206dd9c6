import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { auditContextFor, requireRecentAuthentication } from "@/lib/auth/session";
import { fileResponse, guardedRoute } from "@/lib/http/guarded-route";
import { refuseReveal } from "@/lib/tenants/reveal-secret";
import {
  exportFileName,
  maskedTransactionObject,
  revealTransactionObject,
  transactionObjectDocument,
  TRANSACTION_OBJECT_PURPOSES,
} from "@/lib/tenants/transaction-object-export";

export const dynamic = "force-dynamic";

function tenantIdOf(params: { id: string }): string {
  if (!z.uuid().safeParse(params.id).success)
    throw new AppError("invalid_input", "This is not a tenant id.", { id: ["must be a tenant id"] });
  return params.id;
}

async function assertTenant(id: string): Promise<void> {
  if (!(await getDb().tenant.findUnique({ where: { id }, select: { id: true } })))
    throw new AppError("not_found", "This tenant no longer exists.");
}

const asFile = (document: Awaited<ReturnType<typeof maskedTransactionObject>>) =>
  fileResponse(JSON.stringify(document, null, 2), {
    contentType: "application/json; charset=utf-8",
    fileName: exportFileName(document),
  });

/** hybrid_integration as a JSON file, secrets masked. */
export const GET = guardedRoute<{ id: string }>("tenant.read", async (_request, { params }) => {
  const id = tenantIdOf(params);
  await assertTenant(id);
  return asFile(await maskedTransactionObject(getDb(), id));
});

// A JSON body (not a form) so another site cannot make the browser send it without a CORS preflight.
const revealBody = z.object({ revealSecrets: z.literal(true, { error: "must be true" }) }).strict();

/**
 * The same file with its secrets, for roles allowed to reveal them; recorded as secret.reveal (transaction-object-export).
 * Other roles that may read the tenant are refused with a failed secret.reveal on record.
 */
export const POST = guardedRoute<{ id: string }>("tenant.read", async (request, { user, params }) => {
  if (!can(user.role, "secret.reveal"))
    return refuseReveal(getDb(), await auditContextFor(user), {
      tenantId: tenantIdOf(params),
      purpose: TRANSACTION_OBJECT_PURPOSES.export,
    });
  requireRecentAuthentication(user);
  if (!(request.headers.get("content-type") ?? "").startsWith("application/json"))
    throw new AppError("invalid_input", "Send the request as JSON.", { body: ["must be JSON"] });
  const parsed = revealBody.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success)
    throw new AppError("invalid_input", "Ask for the secrets explicitly.", { revealSecrets: ["must be true"] });
  const id = tenantIdOf(params);
  await assertTenant(id);
  const built = await revealTransactionObject(getDb(), await auditContextFor(user), {
    tenantId: id,
    purpose: TRANSACTION_OBJECT_PURPOSES.export,
  });
  return asFile(transactionObjectDocument(built, true));
});
