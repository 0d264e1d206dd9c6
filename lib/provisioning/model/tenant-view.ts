import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { GenesysCloudTarget } from "@/lib/genesys-cloud";
import type { DeploymentLayout } from "./deployment-layout";
import { resolveObjectTenant, type ObjectTenant } from "./object-tenant";
import { isServiceKey, type ServiceKey } from "./services";
import { regionDomainOf, runnableSettings, type ResolvedSettings } from "./settings";

/** How a tenant is named to operators (audit records, CLI output, messages): deployment/tenant. */
export const tenantLabel = (deploymentName: string, cfgTenantName: string) => `${deploymentName}/${cfgTenantName}`;

/** A tenant as the steps see it: plain data, settings validated and resolved, no secrets. */
export interface TenantView {
  id: string;
  label: string;
  cfgTenantName: string;
  deployment: {
    id: string;
    name: string;
    layout: DeploymentLayout;
    gaxBaseUrl: string;
    gaxUsername: string;
    gaxPasswordEncrypted: boolean;
    annexSection: string;
    /** Single-tenant: the tenant that holds hybrid_integration (Environment or Resources), or why it is unknown. */
    objectTenant: ObjectTenant;
  };
  region: string | null;
  /** Where the provisioner reaches the org (explicit URLs win over the region). */
  target: GenesysCloudTarget;
  /** The region domain written into the transaction object (login.<domain>, api.<domain>). */
  regionDomain: string | undefined;
  bootstrapClientId: string;
  org: { id: string; name: string; shortName: string } | null;
  /** The on-premises services the tenant uses (ask with hasService). */
  services: readonly ServiceKey[];
  settings: ResolvedSettings;
}

export async function loadTenantView(db: DbTx, tenantId: string): Promise<TenantView> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, include: { deployment: true } });
  if (!tenant) throw new AppError("not_found", "This tenant no longer exists.");
  const { deployment } = tenant;
  const regionDomain = regionDomainOf(tenant.region, tenant.loginBaseUrl);
  const target: GenesysCloudTarget =
    tenant.loginBaseUrl && tenant.apiBaseUrl
      ? { loginBaseUrl: tenant.loginBaseUrl, apiBaseUrl: tenant.apiBaseUrl }
      : { region: tenant.region ?? "" };
  return {
    id: tenant.id,
    label: tenantLabel(deployment.name, tenant.cfgTenantName),
    cfgTenantName: tenant.cfgTenantName,
    deployment: {
      id: deployment.id,
      name: deployment.name,
      layout: deployment.layout as DeploymentLayout,
      gaxBaseUrl: deployment.gaxBaseUrl,
      gaxUsername: deployment.gaxUsername,
      gaxPasswordEncrypted: deployment.gaxPasswordEncrypted,
      annexSection: deployment.annexSection,
      objectTenant: resolveObjectTenant(deployment),
    },
    region: tenant.region,
    target,
    regionDomain,
    bootstrapClientId: tenant.bootstrapClientId,
    org:
      tenant.orgId && tenant.orgName && tenant.orgShortName
        ? { id: tenant.orgId, name: tenant.orgName, shortName: tenant.orgShortName }
        : null,
    services: tenant.services.filter(isServiceKey),
    settings: runnableSettings(tenant),
  };
}
