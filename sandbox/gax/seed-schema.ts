import { z } from "zod";
import { CFG_TYPES, ENVIRONMENT_TENANT_NAME, SINGLE_TENANT_NAMES } from "./cfg-types";

/**
 * The GAX sandbox seed. Objects refer to each other by name (tenant, folder, user name, access group),
 * never by DBID: the sandbox assigns DBIDs when it loads the seed (Environment = 1, other tenants from 101,
 * every other type from 101 in seed order).
 */

const name = z.string().trim().min(1, "must not be empty");

const folderSeed = z
  .object({
    name,
    /** The object class the folder holds (its `subtype` in GAX JSON). */
    holds: z.enum(CFG_TYPES),
  })
  .strict();

const tenantSeed = z
  .object({
    name,
    /** Folders of the tenant. Omitted: the standard set (Transactions, Persons, Access Groups, and Tenants in Environment). */
    folders: z.array(folderSeed).optional(),
  })
  .strict();

const personSeed = z
  .object({
    username: name,
    password: z.string().min(1, "must not be empty"),
    /** The value GAX's web UI would send for this password; default: obscureGaxPassword(password). */
    obscuredPassword: z.string().min(1).optional(),
    tenant: name,
    firstName: z.string().default(""),
    lastName: z.string().default(""),
    isAgent: z.boolean().default(false),
    /** The Config Server "default" account: full control everywhere, ACLs do not apply. */
    isDefaultUser: z.boolean().default(false),
    accessGroups: z.array(name).default([]),
  })
  .strict();

const accessGroupSeed = z.object({ name, tenant: name }).strict();

const aclSeed = z
  .object({
    /** The object the entry is set on: a tenant (no name), or a named folder/transaction/access group/person of the tenant. */
    on: z
      .object({
        type: z.enum(CFG_TYPES),
        tenant: name,
        name: name.optional(),
      })
      .strict(),
    account: z.union([z.object({ person: name }).strict(), z.object({ accessGroup: name, tenant: name }).strict()]),
    /** 1 Read, 2 Create, 4 Change, 8 Execute, 16 Delete, 32 Read permissions, 64 Change permissions, 128 do not propagate. */
    mask: z.number().int().min(0).max(255),
  })
  .strict();

const transactionSeed = z
  .object({
    tenant: name,
    name,
    alias: name,
    folder: name.default("Transactions"),
    subtype: z
      .string()
      .regex(/^CFGTRT[A-Za-z]+$/, "must be a CfgTransactionType name such as CFGTRTList")
      .default("CFGTRTList"),
    state: z.enum(["CFGEnabled", "CFGDisabled"]).default("CFGEnabled"),
    /** section -> key -> value */
    userProperties: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  })
  .strict();

const deploymentSeed = z
  .object({
    /** URL-safe name; the deployment is served under /<name>/gax/api. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and dashes")
      .refine((value) => value !== "gax" && value !== "__sandbox", "is reserved"),
    layout: z.enum(["multi-tenant", "single-tenant"]),
    /** "encrypted-only": login accepts only isPasswordEncrypted=true with the obscured password. */
    passwordMode: z.enum(["plain", "encrypted-only"]).default("plain"),
    sessionTimeoutSeconds: z.number().int().positive().default(1800),
    /** Name of the GAX application object (in the root tenant); signing in needs Read and Execute on it. */
    gaxApplication: name.default("GAX"),
    /** GET cfg/objects query parameters this GAX ignores, as a GAX build might ("tenantdbid", "filters", ...). */
    ignoredQueryParameters: z
      .array(
        z
          .string()
          .regex(/^[a-z]+$/, "must be a lowercase attribute name or filters")
          .refine((value) => value !== "type", "type cannot be ignored"),
      )
      .default([]),
    tenants: z.array(tenantSeed).min(1),
    persons: z.array(personSeed).default([]),
    accessGroups: z.array(accessGroupSeed).default([]),
    acl: z.array(aclSeed).default([]),
    transactions: z.array(transactionSeed).default([]),
  })
  .strict()
  .superRefine(checkDeploymentReferences);

export const gaxSandboxSeedSchema = z
  .object({
    /** Also served at the root /gax/api; default: the first deployment. */
    defaultDeployment: z.string().optional(),
    deployments: z.array(deploymentSeed).min(1),
  })
  .strict()
  .superRefine((seed, ctx) => {
    const names = seed.deployments.map((deployment) => deployment.name);
    names.forEach((value, index) => {
      if (names.indexOf(value) !== index) {
        ctx.addIssue({
          code: "custom",
          path: ["deployments", index, "name"],
          message: `deployment "${value}" appears twice`,
        });
      }
    });
    if (seed.defaultDeployment !== undefined && !names.includes(seed.defaultDeployment)) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultDeployment"],
        message: `no deployment named "${seed.defaultDeployment}"`,
      });
    }
  });

/** Seed as written (defaults optional). */
export type GaxSandboxSeed = z.input<typeof gaxSandboxSeedSchema>;
/** Seed after validation (defaults filled in). */
export type ParsedGaxSeed = z.output<typeof gaxSandboxSeedSchema>;
export type DeploymentSeed = ParsedGaxSeed["deployments"][number];

export function standardFolders(tenantName: string, layout: DeploymentSeed["layout"]) {
  const folders: { name: string; holds: (typeof CFG_TYPES)[number] }[] = [
    { name: "Transactions", holds: "CfgTransaction" },
    { name: "Persons", holds: "CfgPerson" },
    { name: "Access Groups", holds: "CfgAccessGroup" },
  ];
  if (tenantName === ENVIRONMENT_TENANT_NAME && layout === "multi-tenant")
    folders.push({ name: "Tenants", holds: "CfgTenant" });
  return folders;
}

type DeploymentDraft = z.output<typeof deploymentSeed>;

/** The root tenant (DBID 1): Environment, or the one tenant of a single-tenant Configuration Server. */
export function rootTenantName(deployment: Pick<DeploymentDraft, "layout" | "tenants">): string {
  return deployment.layout === "single-tenant"
    ? (deployment.tenants[0]?.name ?? ENVIRONMENT_TENANT_NAME)
    : ENVIRONMENT_TENANT_NAME;
}

function checkTenantLayout(deployment: DeploymentDraft, issue: (path: (string | number)[], message: string) => void) {
  const names = SINGLE_TENANT_NAMES.join(" or ");
  if (deployment.layout === "multi-tenant") {
    if (!deployment.tenants.some((tenant) => tenant.name === ENVIRONMENT_TENANT_NAME))
      issue(["tenants"], `must include the ${ENVIRONMENT_TENANT_NAME} tenant`);
  } else if (deployment.tenants.length !== 1) {
    issue(["tenants"], `a single-tenant deployment has exactly one tenant, named ${names}`);
  } else if (!(SINGLE_TENANT_NAMES as readonly string[]).includes(deployment.tenants[0]!.name)) {
    issue(
      ["tenants", 0, "name"],
      `must be ${names}: the one tenant of a single-tenant Configuration Server goes by one of these names`,
    );
  }
}

function checkDeploymentReferences(deployment: DeploymentDraft, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const tenants = new Map(deployment.tenants.map((tenant) => [tenant.name, tenant]));
  checkTenantLayout(deployment, issue);
  deployment.tenants.forEach((tenant, index) => {
    if ([...tenants.keys()].indexOf(tenant.name) !== index)
      issue(["tenants", index, "name"], `tenant "${tenant.name}" appears twice`);
  });
  const folderExists = (tenantName: string, folderName: string, holds: string) => {
    const tenant = tenants.get(tenantName);
    const folders = tenant?.folders ?? standardFolders(tenantName, deployment.layout);
    return folders.some((folder) => folder.name === folderName && folder.holds === holds);
  };
  const knownTenant = (path: (string | number)[], tenantName: string) => {
    if (tenants.has(tenantName)) return true;
    issue(path, `no tenant named "${tenantName}"`);
    return false;
  };
  const groupExists = (tenantName: string, groupName: string) =>
    deployment.accessGroups.some((group) => group.tenant === tenantName && group.name === groupName);
  const usernames = deployment.persons.map((person) => person.username);

  deployment.accessGroups.forEach((group, index) => knownTenant(["accessGroups", index, "tenant"], group.tenant));
  deployment.persons.forEach((person, index) => {
    if (usernames.indexOf(person.username) !== index)
      issue(["persons", index, "username"], `user name "${person.username}" appears twice`);
    if (!knownTenant(["persons", index, "tenant"], person.tenant)) return;
    person.accessGroups.forEach((groupName, groupIndex) => {
      if (!groupExists(person.tenant, groupName)) {
        issue(
          ["persons", index, "accessGroups", groupIndex],
          `no access group "${groupName}" in tenant "${person.tenant}"`,
        );
      }
    });
  });
  deployment.transactions.forEach((transaction, index) => {
    if (!knownTenant(["transactions", index, "tenant"], transaction.tenant)) return;
    if (!folderExists(transaction.tenant, transaction.folder, "CfgTransaction")) {
      issue(
        ["transactions", index, "folder"],
        `no transactions folder "${transaction.folder}" in tenant "${transaction.tenant}"`,
      );
    }
  });
  deployment.acl.forEach((entry, index) => {
    if (knownTenant(["acl", index, "on", "tenant"], entry.on.tenant)) {
      if (entry.on.type === "CfgTenant" && entry.on.name !== undefined)
        issue(["acl", index, "on", "name"], "must be omitted for a tenant");
      if (entry.on.type !== "CfgTenant" && entry.on.name === undefined)
        issue(["acl", index, "on", "name"], `is required for ${entry.on.type}`);
    }
    const application = deployment.gaxApplication;
    const root = rootTenantName(deployment);
    const onGax = entry.on.tenant === root && entry.on.name === application;
    if (entry.on.type === "CfgApplication" && !onGax) {
      issue(["acl", index, "on"], `the only application is "${application}" in ${root}`);
    }
    if ("person" in entry.account && !usernames.includes(entry.account.person)) {
      issue(["acl", index, "account", "person"], `no person "${entry.account.person}"`);
    }
    if ("accessGroup" in entry.account && !groupExists(entry.account.tenant, entry.account.accessGroup)) {
      issue(
        ["acl", index, "account", "accessGroup"],
        `no access group "${entry.account.accessGroup}" in tenant "${entry.account.tenant}"`,
      );
    }
  });
}

/** Validates a seed; the error message lists every problem with its path. */
export function parseGaxSeed(input: unknown): ParsedGaxSeed {
  const result = gaxSandboxSeedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(seed)"}: ${issue.message}`);
  throw new Error(`Invalid GAX sandbox seed:\n${problems.join("\n")}`);
}
