import type { GaxSandboxSeed } from "./seed-schema";

/** Sandbox-only credentials: they exist to be typed into the local demo. */
export const SANDBOX_ADMIN = { username: "gax-admin", password: "sandbox-admin-pass" } as const;
export const SANDBOX_DEFAULT_USER = { username: "default", password: "sandbox-default-pass" } as const;
export const SANDBOX_AGENT_PASSWORD = "sandbox-agent-pass";
/** An Acme agent in no access group: GAX refuses its sign-in (no rights on the GAX application nor on its Person). */
export const SANDBOX_AGENT_WITHOUT_ACCESS = {
  username: "acme.noaccess",
  password: SANDBOX_AGENT_PASSWORD,
  tenant: "Acme",
} as const;

const MULTI_TENANT_TENANTS = ["Acme", "Globex", "Initech"] as const;

type PersonSeed = NonNullable<GaxSandboxSeed["deployments"][number]["persons"]>[number];

function administrators(): PersonSeed[] {
  return [
    { ...SANDBOX_DEFAULT_USER, tenant: "Environment", isDefaultUser: true },
    {
      ...SANDBOX_ADMIN,
      tenant: "Environment",
      firstName: "GAX",
      lastName: "Administrator",
      accessGroups: ["Super Administrators"],
    },
  ];
}

const superAdministrators = {
  group: { name: "Super Administrators", tenant: "Environment" },
  acl: {
    on: { type: "CfgTenant" as const, tenant: "Environment" },
    account: { accessGroup: "Super Administrators", tenant: "Environment" },
    mask: 127,
  },
};

function agentsOf(tenant: string) {
  const prefix = tenant.toLowerCase();
  return [1, 2].map((n) => ({
    username: `${prefix}.agent${n}`,
    password: SANDBOX_AGENT_PASSWORD,
    tenant,
    firstName: tenant,
    lastName: `Agent ${n}`,
    isAgent: true,
    accessGroups: ["Users"],
  }));
}

/**
 * "single-resources": a single-tenant Configuration Server whose one tenant is named Resources (the procedure's
 * "Resources structure"), with the same two administrators as "single", in Resources.
 */
const RESOURCES_TENANT = "Resources";
const singleResourcesDeployment: GaxSandboxSeed["deployments"][number] = {
  name: "single-resources",
  layout: "single-tenant",
  tenants: [{ name: RESOURCES_TENANT }],
  accessGroups: [{ name: "Super Administrators", tenant: RESOURCES_TENANT }],
  persons: [
    { ...SANDBOX_DEFAULT_USER, tenant: RESOURCES_TENANT, isDefaultUser: true },
    {
      ...SANDBOX_ADMIN,
      tenant: RESOURCES_TENANT,
      firstName: "GAX",
      lastName: "Administrator",
      accessGroups: ["Super Administrators"],
    },
  ],
  acl: [
    {
      on: { type: "CfgTenant", tenant: RESOURCES_TENANT },
      account: { accessGroup: "Super Administrators", tenant: RESOURCES_TENANT },
      mask: 127,
    },
  ],
};

/**
 * Three deployments: "multi" (Environment plus three tenants, each with a Transactions folder, two agents in its
 * "Users" access group that may read only its own tenant) served at /multi/gax/api and at the root /gax/api;
 * "single" (only Environment) served at /single/gax/api; and "single-resources" (only Resources) at
 * /single-resources/gax/api.
 */
export const defaultGaxSeed: GaxSandboxSeed = {
  defaultDeployment: "multi",
  deployments: [
    {
      name: "multi",
      layout: "multi-tenant",
      tenants: [{ name: "Environment" }, ...MULTI_TENANT_TENANTS.map((name) => ({ name }))],
      accessGroups: [superAdministrators.group, ...MULTI_TENANT_TENANTS.map((tenant) => ({ name: "Users", tenant }))],
      persons: [
        ...administrators(),
        ...MULTI_TENANT_TENANTS.flatMap(agentsOf),
        { ...SANDBOX_AGENT_WITHOUT_ACCESS, isAgent: true },
      ],
      acl: [
        superAdministrators.acl,
        ...MULTI_TENANT_TENANTS.map((tenant) => ({
          on: { type: "CfgTenant" as const, tenant },
          account: { accessGroup: "Users", tenant },
          mask: 1,
        })),
        // Signing in to GAX needs Read and Execute on its application (Read on the own Person comes from the tenant).
        ...MULTI_TENANT_TENANTS.map((tenant) => ({
          on: { type: "CfgApplication" as const, tenant: "Environment", name: "GAX" },
          account: { accessGroup: "Users", tenant },
          mask: 1 | 8,
        })),
      ],
    },
    {
      name: "single",
      layout: "single-tenant",
      tenants: [{ name: "Environment" }],
      accessGroups: [superAdministrators.group],
      persons: administrators(),
      acl: [superAdministrators.acl],
    },
    singleResourcesDeployment,
  ],
};
