// Sandbox seeds for the provisioning benchmark: N fresh Genesys Cloud orgs and one GAX deployment with N tenants.
import { randomUUID } from "node:crypto";
import { defaultGenesysSeed, type GenesysSandboxSeedInput } from "@/sandbox/genesys-cloud";
import { SANDBOX_ADMIN, SANDBOX_AGENT_PASSWORD, SANDBOX_DEFAULT_USER } from "@/sandbox/gax/default-seed";
import type { GaxSandboxSeed } from "@/sandbox/gax/seed-schema";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export interface BenchOrg {
  id: string;
  shortName: string;
  bootstrap: { clientId: string; clientSecret: string };
}

/** N copies of the first default org, every id replaced consistently, without the Predictive Engagement permissions. */
export function genesysSeedWithOrgs(count: number): { seed: GenesysSandboxSeedInput; orgs: BenchOrg[] } {
  const template = JSON.stringify({ ...defaultGenesysSeed.orgs[0]!, pureEngage: null });
  const orgs = Array.from({ length: count }, (_, n) => {
    const fresh = new Map<string, string>();
    const org = JSON.parse(
      template.replace(UUID, (id) => fresh.get(id) ?? fresh.set(id, randomUUID()).get(id)!),
    ) as GenesysSandboxSeedInput["orgs"][number];
    org.name = `Bench Org ${n + 1}`;
    org.thirdPartyOrgName = `bench-${n + 1}`;
    const employee = org.roles!.find((role) => role.defaultRoleId === "employee")!;
    employee.permissionPolicies = employee.permissionPolicies!.filter((policy) => policy.domain !== "journey");
    return org;
  });
  const benchOrgs = orgs.map((org) => {
    const bootstrap = org.oauthClients![0]!;
    return {
      id: org.id,
      shortName: org.thirdPartyOrgName,
      bootstrap: { clientId: bootstrap.id, clientSecret: bootstrap.secret },
    };
  });
  return { seed: { orgs }, orgs: benchOrgs };
}

export const benchTenantName = (n: number) => `Tenant${String(n + 1).padStart(3, "0")}`;
/** Each tenant's sample agent, for the isolation check (step 10). */
export const benchAgent = (n: number) => ({
  username: `${benchTenantName(n).toLowerCase()}.agent`,
  password: SANDBOX_AGENT_PASSWORD,
});

/**
 * One multi-tenant deployment ("multi") holding Environment and N tenants, each with the standard folders
 * (Transactions among them) and one agent in its "Users" group that may read only its own tenant and sign in to GAX.
 */
const gaxApplication = { type: "CfgApplication" as const, tenant: "Environment", name: "GAX" };

export function gaxSeedWithTenants(count: number): GaxSandboxSeed {
  const tenants = Array.from({ length: count }, (_, n) => benchTenantName(n));
  return {
    defaultDeployment: "multi",
    deployments: [
      {
        name: "multi",
        layout: "multi-tenant",
        tenants: [{ name: "Environment" }, ...tenants.map((name) => ({ name }))],
        accessGroups: [
          { name: "Super Administrators", tenant: "Environment" },
          ...tenants.map((tenant) => ({ name: "Users", tenant })),
        ],
        persons: [
          { ...SANDBOX_DEFAULT_USER, tenant: "Environment", isDefaultUser: true },
          {
            ...SANDBOX_ADMIN,
            tenant: "Environment",
            firstName: "GAX",
            lastName: "Administrator",
            accessGroups: ["Super Administrators"],
          },
          ...tenants.map((tenant, n) => ({
            ...benchAgent(n),
            tenant,
            firstName: tenant,
            lastName: "Agent",
            isAgent: true,
            accessGroups: ["Users"],
          })),
        ],
        acl: [
          {
            on: { type: "CfgTenant", tenant: "Environment" },
            account: { accessGroup: "Super Administrators", tenant: "Environment" },
            mask: 127,
          },
          ...tenants.map((tenant) => ({
            on: { type: "CfgTenant" as const, tenant },
            account: { accessGroup: "Users", tenant },
            mask: 1,
          })),
          // Signing in to GAX needs Read and Execute on its application object.
          ...tenants.map((tenant) => ({ on: gaxApplication, account: { accessGroup: "Users", tenant }, mask: 1 | 8 })),
        ],
      },
    ],
  };
}
