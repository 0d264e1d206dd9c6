// The sandbox seed: orgs with their divisions, roles, users, OAuth clients and PureEngage provider.
// Field names follow the Platform API where one exists; `secret`, `password` and `maxOAuthClients` are seed-only.
import { z } from "zod";

const id = z.guid({ message: "must be a UUID (8-4-4-4-12 hex digits)" });
const text = z.string().trim().min(1, { message: "must not be empty" });

export const GRANT_TYPES = ["CODE", "TOKEN", "SAML2-BEARER", "PASSWORD", "CLIENT-CREDENTIALS"] as const;
export const CLIENT_STATES = ["active", "disabled", "inactive"] as const;
export const MIN_TOKEN_SECONDS = 300;
export const MAX_TOKEN_SECONDS = 172_800;
export const DEFAULT_TOKEN_SECONDS = 86_400;

/** A permission policy; fields the sandbox does not model are kept as given, as Genesys Cloud keeps them. */
export const permissionPolicySeedSchema = z.looseObject({
  domain: text,
  entityName: text,
  actionSet: z.array(text).min(1, { message: "must list at least one action" }),
  policyName: z.string().optional(),
  policyDescription: z.string().optional(),
  namedResources: z.array(z.string()).default([]),
  allowConditions: z.boolean().default(false),
  /** Conditions on the resources the policy covers (`DomainResourceConditionNode`); stored and answered as given. */
  resourceConditionNode: z.unknown().optional(),
});

/** How the roles list shows each role's policies (the list's detail is not published; GET by id is always full). */
const ROLE_LIST_POLICIES = ["full", "omitted", "bare"] as const;

const roleDivisionSchema = z.object({ roleId: id, divisionId: id });

const divisionSeedSchema = z.object({
  id,
  name: text,
  description: z.string().default(""),
  homeDivision: z.boolean().default(false),
});

const roleSeedSchema = z.object({
  id,
  name: text,
  description: z.string().default(""),
  /** "admin" and "employee" mark the org's built-in roles. */
  defaultRoleId: z.string().optional(),
  permissionPolicies: z.array(permissionPolicySeedSchema).default([]),
});

const userSeedSchema = z.object({
  id,
  name: text,
  email: z.email({ message: "must be an email address" }),
  divisionId: id,
  state: z.enum(["active", "inactive"]).default("active"),
  roleGrants: z.array(roleDivisionSchema).default([]),
});

const oauthClientSeedSchema = z.object({
  id,
  name: text,
  /** The client secret (seed-only: the API returns it on create and regenerate only). */
  secret: z.string().min(16, { message: "must be at least 16 characters" }),
  description: z.string().default(""),
  authorizedGrantType: z.enum(GRANT_TYPES),
  accessTokenValiditySeconds: z
    .number()
    .int()
    .min(MIN_TOKEN_SECONDS)
    .max(MAX_TOKEN_SECONDS)
    .default(DEFAULT_TOKEN_SECONDS),
  roleDivisions: z.array(roleDivisionSchema).default([]),
  scope: z.array(z.string()).default([]),
  registeredRedirectUri: z.array(z.string()).default([]),
  state: z.enum(CLIENT_STATES).default("active"),
});

export const pureEngageSeedSchema = z.object({
  id,
  name: z.string().default("PureEngage"),
  disabled: z.boolean().default(false),
  issuerURI: text,
  ssoTargetURI: z.string().default(""),
  sloURI: z.string().optional(),
  sloBinding: z.string().optional(),
  relyingPartyIdentifier: z.string().optional(),
  /** The first (primary) signing certificate; `certificates` holds every trusted one when there are several. */
  certificate: text,
  certificates: z.array(text).optional(),
  nameIdentifierFormat: z.string().optional(),
  ssoBinding: z.string().optional(),
  signAuthnRequests: z.boolean().default(false),
  providerName: z.string().optional(),
  displayOnLogin: z.boolean().default(false),
  metadataURL: z.string().optional(),
  forceAuthn: z.boolean().default(false),
  autoProvisionUsers: z.boolean().default(false),
});

/** A Predictive Engagement action map, as far as the sandbox lists them (GET /api/v2/journey/actionmaps). */
const actionMapSeedSchema = z.object({
  id,
  displayName: text,
  isActive: z.boolean().default(true),
});

const orgSeedSchema = z.object({
  id,
  name: text,
  /** The org "short name": unique, immutable, the `orgName` of the SAML2 bearer grant. */
  thirdPartyOrgName: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "must be lower-case letters, digits and dashes" }),
  /** The region domain this org simulates, e.g. "mypurecloud.ie". */
  regionDomain: text,
  /** How many OAuth clients the org may hold before create answers `auth.too.many.clients`. */
  maxOAuthClients: z.number().int().positive().default(50),
  divisions: z.array(divisionSeedSchema).min(1, { message: "must hold at least the Home division" }),
  roles: z.array(roleSeedSchema).default([]),
  users: z.array(userSeedSchema).default([]),
  oauthClients: z.array(oauthClientSeedSchema).default([]),
  pureEngage: pureEngageSeedSchema.nullable().default(null),
  /**
   * `GET /api/v2/authorization/roles` entries: "full" policies, policies "omitted" (no `permissionPolicies`, no
   * `permissions`), or "bare" policies (only `domain`, `entityName`, `actionSet`).
   */
  roleListPolicies: z.enum(ROLE_LIST_POLICIES).default("full"),
  /** Permission domains the org has no product for: a role PUT drops their policies without an error. */
  unlicensedDomains: z.array(text).default([]),
  actionMaps: z.array(actionMapSeedSchema).default([]),
});

function checkOrg(
  org: z.infer<typeof orgSeedSchema>,
  path: (string | number)[],
  issue: (path: (string | number)[], message: string) => void,
) {
  const homes = org.divisions.filter((d) => d.homeDivision).length;
  if (homes !== 1)
    issue([...path, "divisions"], `must hold exactly one division with homeDivision: true (found ${homes})`);
  const divisionIds = new Set(org.divisions.map((d) => d.id));
  const roleIds = new Set(org.roles.map((r) => r.id));
  const checkGrant = (grantPath: (string | number)[], grant: { roleId: string; divisionId: string }) => {
    if (!roleIds.has(grant.roleId))
      issue([...grantPath, "roleId"], `no role ${grant.roleId} in org ${org.thirdPartyOrgName}`);
    if (!divisionIds.has(grant.divisionId))
      issue([...grantPath, "divisionId"], `no division ${grant.divisionId} in org ${org.thirdPartyOrgName}`);
  };
  org.users.forEach((user, u) => {
    if (!divisionIds.has(user.divisionId))
      issue([...path, "users", u, "divisionId"], `no division ${user.divisionId} in org ${org.thirdPartyOrgName}`);
    user.roleGrants.forEach((grant, g) => checkGrant([...path, "users", u, "roleGrants", g], grant));
  });
  org.oauthClients.forEach((client, c) =>
    client.roleDivisions.forEach((grant, g) => checkGrant([...path, "oauthClients", c, "roleDivisions", g], grant)),
  );
  const emails = org.users.map((u) => u.email.toLowerCase());
  if (new Set(emails).size !== emails.length) issue([...path, "users"], "emails must be unique within an org");
}

export const genesysSandboxSeedSchema = z
  .object({ orgs: z.array(orgSeedSchema).min(1, { message: "must hold at least one org" }) })
  .superRefine((seed, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    seed.orgs.forEach((org, o) => checkOrg(org, ["orgs", o], issue));
    const unique = (label: string, values: string[]) => {
      const seen = new Set<string>();
      for (const value of values) {
        if (seen.has(value)) issue(["orgs"], `${label} ${value} appears more than once`);
        seen.add(value);
      }
    };
    unique(
      "org short name (thirdPartyOrgName)",
      seed.orgs.map((o) => o.thirdPartyOrgName),
    );
    const idsOf = (o: z.infer<typeof orgSeedSchema>) =>
      [o.divisions, o.roles, o.users, o.oauthClients, o.actionMaps].flatMap((items) => items.map((item) => item.id));
    unique(
      "id",
      seed.orgs.flatMap((o) => [o.id, ...idsOf(o)]),
    );
    unique(
      "PureEngage issuerURI",
      seed.orgs.flatMap((o) => (o.pureEngage ? [o.pureEngage.issuerURI] : [])),
    );
  });

/** A seed as written in a file (defaults may be omitted). */
export type GenesysSandboxSeedInput = z.input<typeof genesysSandboxSeedSchema>;
/** A validated seed with defaults filled in. */
export type GenesysSandboxSeed = z.output<typeof genesysSandboxSeedSchema>;
export type OrgSeed = GenesysSandboxSeed["orgs"][number];

/** Validates a seed and reports every problem as `path: rule`. */
export function parseGenesysSeed(input: unknown, source = "seed"): GenesysSandboxSeed {
  const result = genesysSandboxSeedSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
  throw new Error(`Invalid Genesys Cloud sandbox ${source}:\n${problems}`);
}
