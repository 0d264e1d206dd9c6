import { ENVIRONMENT_TENANT } from "@/lib/config-server/bridge";

/**
 * The Configuration Server tenant name a file's tenant gets, by registration's rules: a single-tenant deployment's
 * one tenant (its object tenant; empty or that name), a multi-tenant deployment's own named tenant.
 */
export function fleetTenantName(
  deployment: { layout: string; objectTenantName: string | null },
  givenName: string | undefined,
): { name: string } | { problem: string; field: "cfgTenantName" | "objectTenant" } {
  if (deployment.layout === "single-tenant") {
    const objectTenant = deployment.objectTenantName;
    if (!objectTenant) {
      const problem =
        "must be Environment or Resources for a single-tenant deployment whose tenants the file registers " +
        "(detection asks GAX: register the deployment first, or name its tenant)";
      return { problem, field: "objectTenant" };
    }
    if (givenName !== undefined && givenName !== objectTenant)
      return {
        problem: `must be ${objectTenant} (or left out) in this single-tenant deployment`,
        field: "cfgTenantName",
      };
    return { name: objectTenant };
  }
  if (!givenName || givenName === ENVIRONMENT_TENANT) {
    const problem = `is required: the tenant's own name in Configuration Server (not ${ENVIRONMENT_TENANT})`;
    return { problem, field: "cfgTenantName" };
  }
  return { name: givenName };
}
