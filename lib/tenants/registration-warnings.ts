import type { ConfigServerBridge } from "@/lib/config-server/bridge";
import type { DbTx } from "@/lib/db/client";
import { assertOutboundUrl } from "@/lib/http/outbound-policy";
import { deploymentBridge, describeFailure, gaxPasswordRef, tenantLabel } from "@/lib/provisioning";
import { openSecret } from "@/lib/secrets/store";

interface WarningInput {
  deploymentId: string;
  cfgTenantName?: string;
  bootstrapClientId: string;
  /** The org the bootstrap credentials belong to, when they were checked. */
  orgId?: string;
  /** The tenant being edited, which does not pair with itself. */
  tenantId?: string;
}

/** Another registered tenant already paired with this org (by its org id once connected, or the same client). */
async function pairedElsewhere(db: DbTx, input: WarningInput): Promise<string[]> {
  const others = await db.tenant.findMany({
    where: {
      OR: [{ bootstrapClientId: input.bootstrapClientId }, ...(input.orgId ? [{ orgId: input.orgId }] : [])],
      ...(input.tenantId ? { NOT: { id: input.tenantId } } : {}),
    },
    select: { cfgTenantName: true, deployment: { select: { name: true } } },
    take: 3,
  });
  return others.map(
    (other) =>
      `This Genesys Cloud org is already paired with tenant ${tenantLabel(other.deployment.name, other.cfgTenantName)}: ` +
      "two tenants provisioning one org overwrite each other's clients and identity provider.",
  );
}

/** Whether the Configuration Server tenant exists in the deployment's GAX (multi-tenant: each tenant is named). */
async function missingInGax(db: DbTx, input: WarningInput): Promise<string[]> {
  if (!input.cfgTenantName) return [];
  const deployment = await db.deployment.findUnique({ where: { id: input.deploymentId } });
  if (!deployment || deployment.layout !== "multi-tenant") return [];
  const password = await openSecret(db, gaxPasswordRef(deployment.id));
  if (!password) return [];
  let bridge: ConfigServerBridge | undefined;
  try {
    await assertOutboundUrl(deployment.gaxBaseUrl, "gaxBaseUrl");
    bridge = deploymentBridge(deployment, password, { timeoutMs: 10_000 });
    if (await bridge.findTenant(input.cfgTenantName)) return [];
    return [
      `Tenant "${input.cfgTenantName}" was not found in Configuration Server through GAX of ${deployment.name} ` +
        `(or user "${deployment.gaxUsername}" may not read it): the on-premises steps will fail until it exists.`,
    ];
  } catch (error) {
    const failure = describeFailure(error, "Looking up the tenant in GAX", deployment.id);
    return [`GAX could not be asked whether tenant "${input.cfgTenantName}" exists: ${failure.message}`];
  } finally {
    await bridge?.close().catch(() => undefined);
  }
}

/**
 * What an operator should know before pairing a tenant with an org, without refusing it: the org is already paired
 * elsewhere (a migration may do that on purpose), or GAX does not show the Configuration Server tenant (it may be
 * created later).
 */
export async function registrationWarnings(db: DbTx, input: WarningInput): Promise<string[]> {
  const [paired, missing] = await Promise.all([pairedElsewhere(db, input), missingInGax(db, input)]);
  return [...paired, ...missing];
}
