import type { DbTx } from "@/lib/db/client";

/** What the edit form of a tenant shows: everything but its secret, which is write-only. */
export interface TenantEditValues {
  id: string;
  cfgTenantName: string;
  deploymentName: string;
  region: string | null;
  loginBaseUrl: string | null;
  apiBaseUrl: string | null;
  bootstrapClientId: string;
  services: string[];
  redirectUri?: string;
  ssoTargetUri?: string;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

export async function tenantEditValues(db: DbTx, tenantId: string): Promise<TenantEditValues | null> {
  const tenant = await db.tenant.findUnique({
    where: { id: tenantId },
    select: {
      id: true,
      cfgTenantName: true,
      region: true,
      loginBaseUrl: true,
      apiBaseUrl: true,
      bootstrapClientId: true,
      services: true,
      settings: true,
      deployment: { select: { name: true } },
    },
  });
  if (!tenant) return null;
  const settings = (tenant.settings ?? {}) as Record<string, unknown>;
  return {
    id: tenant.id,
    cfgTenantName: tenant.cfgTenantName,
    deploymentName: tenant.deployment.name,
    region: tenant.region,
    loginBaseUrl: tenant.loginBaseUrl,
    apiBaseUrl: tenant.apiBaseUrl,
    bootstrapClientId: tenant.bootstrapClientId,
    services: tenant.services,
    redirectUri: text(settings.redirectUri),
    ssoTargetUri: text(settings.ssoTargetUri),
  };
}
