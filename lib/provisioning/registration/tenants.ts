import { assertGenesysBaseUrls } from "@/lib/http/outbound-policy";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { sealSecret } from "@/lib/secrets/store";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { tenantLabel } from "../model/tenant-view";
import type { TenantInput } from "./tenant-input";
import { validateTenantInput } from "./tenant-validation";

export { tenantInputSchema } from "./tenant-input";
export type { TenantInput } from "./tenant-input";

/** Registers a tenant of a deployment; the bootstrap client secret is sealed in the same transaction. */
export async function createTenant(db: Db, context: AuditContext, input: TenantInput) {
  const { bootstrapClientSecret, ...fields } = (await validateTenantInput(db, input)).input;
  await assertGenesysBaseUrls(fields);
  return db.$transaction(async (tx) => {
    const { deployment, cfgTenantName } = await validateTenantInput(tx, input);
    const tenant = await tx.tenant.create({ data: { ...fields, cfgTenantName, settings: fields.settings } });
    await sealSecret(tx, { ref: tenantSecretRef(tenant.id, BOOTSTRAP_SECRET), value: bootstrapClientSecret });
    await recordAuditEvent(tx, context, {
      event: {
        action: "tenant.create",
        outcome: "success",
        target: { type: "tenant", id: tenant.id, label: tenantLabel(deployment.name, cfgTenantName) },
        details: {
          deploymentId: deployment.id,
          cfgTenantName,
          region: tenant.region,
          services: tenant.services,
        },
      },
      knownSecrets: [bootstrapClientSecret],
    });
    return tenant;
  });
}
