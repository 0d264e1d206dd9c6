import { systemActor } from "@/lib/audit/record";
import { DEMO_DEPLOYMENT_NAME } from "./demo-names";
import type { Db } from "@/lib/db/client";
import { createDeployment, createTenant } from "@/lib/provisioning";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { findRegionByDomain } from "@/lib/genesys-cloud/regions";
import { bootstrapClientOf, defaultGenesysSeed } from "@/sandbox/genesys-cloud";

/** Configuration Server tenants of the GAX sandbox's multi-tenant deployment, and the sandbox org each is paired with. */
const demoTenants = [
  { cfgTenantName: "Acme", orgShortName: "acme-eu" },
  { cfgTenantName: "Globex", orgShortName: "globex-us" },
  { cfgTenantName: "Initech", orgShortName: "initech-apac" },
] as const;

const demoDeploymentName = DEMO_DEPLOYMENT_NAME;

/**
 * Registers a deployment and its tenants that point at the built-in sandboxes, so a new installation can rehearse
 * the whole procedure at once. Only on a database without deployments; audited as the system.
 */
export async function ensureDemoDeployment(
  db: Db,
  sandboxes: { genesysCloudUrl: string; gaxUrls: Record<string, string> },
) {
  if ((await db.deployment.count()) > 0) return { created: false as const };
  const gaxBaseUrl = sandboxes.gaxUrls.multi;
  if (!gaxBaseUrl) throw new Error("The GAX sandbox has no multi-tenant deployment to register.");
  const context = { actor: systemActor };
  const deployment = await createDeployment(db, context, {
    name: demoDeploymentName,
    layout: "multi-tenant",
    gaxBaseUrl,
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
    notes: "Built-in sandboxes of GAX and Genesys Cloud, started by npm start. Safe to provision, break and repair.",
  });
  for (const tenant of demoTenants) {
    const bootstrap = bootstrapClientOf(defaultGenesysSeed, tenant.orgShortName);
    // The sandbox org's region gives the hosts for redirect, SSO target and the transaction object's URLs.
    const regionDomain = defaultGenesysSeed.orgs.find(
      (org) => org.thirdPartyOrgName === tenant.orgShortName,
    )!.regionDomain;
    await createTenant(db, context, {
      deploymentId: deployment.id,
      cfgTenantName: tenant.cfgTenantName,
      region: findRegionByDomain(regionDomain)!.id,
      loginBaseUrl: sandboxes.genesysCloudUrl,
      apiBaseUrl: sandboxes.genesysCloudUrl,
      bootstrapClientId: bootstrap.clientId,
      bootstrapClientSecret: bootstrap.clientSecret,
      services: ["predictive-engagement", "agent-pacing"],
    });
  }
  return { created: true as const, deploymentId: deployment.id, tenants: demoTenants.length };
}
