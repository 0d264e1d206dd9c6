import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { enqueueKeyPreparation } from "@/lib/jobs/key-preparation-jobs";
import { getJobQueue } from "@/lib/jobs/queue-client";
import { log } from "@/lib/observability/logger";
import {
  createTenant,
  tenantUpdateInput,
  updateTenant,
  validateTenantInput,
  type TenantUpdate,
} from "@/lib/provisioning";
import { checkBootstrapCredentials } from "./bootstrap-check";
import { registrationWarnings } from "./registration-warnings";

// Registering and editing a tenant as the dashboard's forms do (and the API, through the same functions): every field
// checked at once, then the bootstrap credentials exchanged for a token before anything is saved.

function refuseCredentials(message: string): never {
  throw new AppError("invalid_input", `The bootstrap credentials did not work: ${message}`, {
    bootstrapClientSecret: [message],
  });
}

/** Registers a tenant whose bootstrap credentials work; its SAML key is prepared in the background. */
export async function registerTenant(db: Db, audit: AuditContext, form: unknown) {
  const { input } = await validateTenantInput(db, form);
  const check = await checkBootstrapCredentials(input);
  if (!check.ok) refuseCredentials(check.message);
  const tenant = await createTenant(db, audit, input);
  const warnings = await registrationWarnings(db, { ...tenant, orgId: check.orgId, tenantId: tenant.id });
  // The tenant is saved either way: without a prepared key, its first apply generates one.
  await enqueueKeyPreparation(await getJobQueue(), tenant.id, audit).catch((error: unknown) =>
    log().error({ err: error, tenantId: tenant.id }, "key preparation not queued"),
  );
  return { tenant, orgName: check.orgName, warnings };
}

/** Saves an edit once every field is valid and the bootstrap credentials (the sealed secret, or a new one) work. */
export async function editTenant(db: Db, audit: AuditContext, update: TenantUpdate) {
  const checked = await tenantUpdateInput(db, update);
  const check = await checkBootstrapCredentials(checked.input);
  if (!check.ok) refuseCredentials(check.message);
  const tenant = await updateTenant(db, audit, checked);
  const warnings = await registrationWarnings(db, { ...tenant, orgId: check.orgId, tenantId: tenant.id });
  return { tenant, warnings };
}
