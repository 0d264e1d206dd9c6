import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import type { Db, DbTx } from "@/lib/db/client";
import { generatePrivateKeyPem } from "@/lib/saml/generate";
import { hasSecret, sealSecret } from "@/lib/secrets/store";
import { tenantSecretRef } from "../model/secret-refs";
import { PREPARED_SAML_KEY } from "../steps/saml-key-material";
import { tenantLabel } from "../model/tenant-view";
import { SAML_KEY_MATERIAL } from "../model/step-keys";

const PREPARED_KEY_BITS = 2048;

/** A key is worth preparing while the tenant has no key material and none is prepared. */
async function keyNeeded(db: DbTx, tenantId: string): Promise<boolean> {
  const [state, prepared] = await Promise.all([
    db.stepState.findUnique({
      where: { tenantId_stepKey: { tenantId, stepKey: SAML_KEY_MATERIAL } },
      select: { status: true },
    }),
    hasSecret(db, tenantSecretRef(tenantId, PREPARED_SAML_KEY)),
  ]);
  return state?.status !== "done" && !prepared;
}

/**
 * Generates the RSA key of a registered tenant's SAML key material ahead of its first apply and seals it; the
 * key-material step then only certifies it. RSA key generation is the one CPU-heavy part of provisioning (about a
 * quarter of a second of a core per key), so bulk applies go faster when it was done at registration.
 * The tenant row is locked while sealing, and the step's completion locks that row before it deletes the prepared
 * key (step_tenant_records): a key is never left behind for a tenant whose key material is done.
 */
export async function prepareSamlKey(
  db: Db,
  audit: AuditContext,
  tenantId: string,
): Promise<"prepared" | "not-needed"> {
  if (!(await keyNeeded(db, tenantId))) return "not-needed";
  const privateKeyPem = await generatePrivateKeyPem(PREPARED_KEY_BITS);
  return db.$transaction(async (tx) => {
    const [tenant] = await tx.$queryRaw<{ id: string; deploymentName: string; cfgTenantName: string }[]>`
      SELECT t.id, d.name AS "deploymentName", t.cfg_tenant_name AS "cfgTenantName" FROM tenants t JOIN deployments d ON d.id = t.deployment_id WHERE t.id = ${tenantId}::uuid FOR UPDATE OF t`;
    if (!tenant || !(await keyNeeded(tx, tenantId))) return "not-needed";
    await sealSecret(tx, { ref: tenantSecretRef(tenantId, PREPARED_SAML_KEY), value: privateKeyPem });
    await recordAuditEvent(tx, audit, {
      event: {
        action: "secret.prepare",
        outcome: "success",
        target: { type: "tenant", id: tenant.id, label: tenantLabel(tenant.deploymentName, tenant.cfgTenantName) },
        details: { purpose: PREPARED_SAML_KEY, bits: PREPARED_KEY_BITS },
      },
      knownSecrets: [privateKeyPem],
    });
    return "prepared";
  });
}
