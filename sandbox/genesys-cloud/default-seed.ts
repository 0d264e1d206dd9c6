// The built-in seed: three orgs in three regions, each with a bootstrap client-credentials client
// (its first OAuth client) that holds the admin role in the Home division.
import { PERMISSION_CATALOGUE } from "./permissions";
import { parseGenesysSeed, type GenesysSandboxSeed, type GenesysSandboxSeedInput } from "./seed-schema";

const KIND = { org: "0", division: "1", role: "2", user: "3", client: "4" } as const;

/** Deterministic UUIDs so tests and docs can name seeded objects. */
function seedId(org: number, kind: keyof typeof KIND, n = 0): string {
  return `${org}0000000-0000-4000-8000-${KIND[kind]}${String(n).padStart(11, "0")}`;
}

const adminPolicies = Object.keys(PERMISSION_CATALOGUE).map((domain) => ({
  domain,
  entityName: "*",
  actionSet: ["*"],
}));
const employeePolicies = [
  { domain: "directory", entityName: "user", actionSet: ["view"] },
  { domain: "journey", entityName: "*", actionSet: ["view"] },
];
const auditorPolicies = [
  { domain: "authorization", entityName: "*", actionSet: ["view"] },
  { domain: "oauth", entityName: "client", actionSet: ["view"] },
  { domain: "sso", entityName: "provider", actionSet: ["view"] },
  { domain: "directory", entityName: "user", actionSet: ["view"] },
];

function org({
  n,
  name,
  shortName,
  regionDomain,
  emailDomain,
}: {
  n: number;
  name: string;
  shortName: string;
  regionDomain: string;
  emailDomain: string;
}): GenesysSandboxSeedInput["orgs"][number] {
  const home = seedId(n, "division", 1);
  const admin = seedId(n, "role", 1);
  const employee = seedId(n, "role", 2);
  const auditor = seedId(n, "role", 3);
  return {
    id: seedId(n, "org"),
    name,
    thirdPartyOrgName: shortName,
    regionDomain,
    divisions: [
      { id: home, name: "Home", description: "The org's default division", homeDivision: true },
      { id: seedId(n, "division", 2), name: "Contact Centre", description: "Agents and queues" },
    ],
    roles: [
      {
        id: admin,
        name: "admin",
        description: "Full administrative access",
        defaultRoleId: "admin",
        permissionPolicies: adminPolicies,
      },
      {
        id: employee,
        name: "employee",
        description: "Default role of every user",
        defaultRoleId: "employee",
        permissionPolicies: employeePolicies,
      },
      {
        id: auditor,
        name: "Read-only auditor",
        description: "Reads configuration, changes nothing",
        permissionPolicies: auditorPolicies,
      },
    ],
    users: [
      {
        id: seedId(n, "user", 1),
        name: "Org Administrator",
        email: `admin@${emailDomain}`,
        divisionId: home,
        roleGrants: [
          { roleId: admin, divisionId: home },
          { roleId: employee, divisionId: home },
        ],
      },
      {
        id: seedId(n, "user", 2),
        name: "Alex Agent",
        email: `alex.agent@${emailDomain}`,
        divisionId: home,
        roleGrants: [{ roleId: employee, divisionId: home }],
      },
    ],
    oauthClients: [
      {
        id: seedId(n, "client", 1),
        name: "Hybrid Provisioner bootstrap",
        description: "Client-credentials client the provisioner starts from",
        secret: `sandbox-${shortName}-bootstrap-secret`,
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: admin, divisionId: home }],
      },
      {
        id: seedId(n, "client", 2),
        name: "Read-only auditor",
        description: "Client-credentials client without change permissions",
        secret: `sandbox-${shortName}-auditor-secret`,
        authorizedGrantType: "CLIENT-CREDENTIALS",
        roleDivisions: [{ roleId: auditor, divisionId: home }],
      },
    ],
  };
}

export const defaultGenesysSeed: GenesysSandboxSeed = parseGenesysSeed(
  {
    orgs: [
      org({
        n: 1,
        name: "Acme Europe",
        shortName: "acme-eu",
        regionDomain: "mypurecloud.ie",
        emailDomain: "acme-eu.example.com",
      }),
      org({
        n: 2,
        name: "Globex Americas",
        shortName: "globex-us",
        regionDomain: "mypurecloud.com",
        emailDomain: "globex.example.com",
      }),
      org({
        n: 3,
        name: "Initech Asia Pacific",
        shortName: "initech-apac",
        regionDomain: "mypurecloud.com.au",
        emailDomain: "initech.example.com",
      }),
      // No demo tenant uses this org: tests that register and connect a new tenant next to the demo tenants.
      org({
        n: 4,
        name: "Umbrella Asia Pacific",
        shortName: "umbrella-apac",
        regionDomain: "mypurecloud.com.au",
        emailDomain: "umbrella.example.com",
      }),
    ],
  },
  "default seed",
);

/** The org's bootstrap client (the first OAuth client of each default-seed org). */
export function bootstrapClientOf(seed: GenesysSandboxSeed, thirdPartyOrgName: string) {
  const org = seed.orgs.find((o) => o.thirdPartyOrgName === thirdPartyOrgName);
  const client = org?.oauthClients[0];
  if (!org || !client) throw new Error(`seed: no org "${thirdPartyOrgName}" with an OAuth client`);
  return { orgId: org.id, clientId: client.id, clientSecret: client.secret };
}
