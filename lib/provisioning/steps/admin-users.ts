import { z } from "zod";
import { isGenesysCloudError, type GenesysCloudClient, type User } from "@/lib/genesys-cloud";
import { adminInHome } from "../org-roles";
import { defineStep, type FieldDifference, type StepContext } from "../step";
import { CONNECT_ORG } from "./connect-org";

export const ADMIN_USERS = "admin-users";

const input = z.object({ users: z.array(z.object({ name: z.string(), email: z.string() })).min(1) });
type Input = z.output<typeof input>;

type OrgAdminSetup = Awaited<ReturnType<typeof adminInHome>>;
const adminSetup = adminInHome;

async function usersByEmail(genesys: GenesysCloudClient): Promise<Map<string, User>> {
  const users: User[] = [];
  for (let pageNumber = 1; ; pageNumber += 1) {
    const page = await genesys.listUsers({ pageNumber, pageSize: 100, state: "any" });
    users.push(...page.entities);
    if (page.entities.length === 0 || pageNumber >= (page.pageCount ?? 1)) break;
  }
  return new Map(users.flatMap((user) => (user.email ? [[user.email.toLowerCase(), user] as const] : [])));
}

async function holdsAdmin(genesys: GenesysCloudClient, userId: string, setup: OrgAdminSetup): Promise<boolean> {
  const subject = await genesys.getSubject(userId);
  return subject.grants.some((grant) => grant.role.id === setup.roleId && grant.division.id === setup.divisionId);
}

/** Each wanted admin: missing (no such user) or lacking the admin role in the Home division. */
async function gaps(ctx: StepContext<Input>, setup: OrgAdminSetup, existing: Map<string, User>): Promise<FieldDifference[]> {
  const found: FieldDifference[] = [];
  for (const wanted of ctx.input.users) {
    const user = existing.get(wanted.email.toLowerCase());
    if (!user) found.push({ field: wanted.email, expected: "user with the admin role", actual: "" });
    else if (!(await holdsAdmin(ctx.genesys(), user.id, setup))) found.push({ field: wanted.email, expected: "admin role in the Home division", actual: "not granted" });
  }
  return found;
}

async function createAdmin(ctx: StepContext<Input>, wanted: { name: string; email: string }, setup: OrgAdminSetup): Promise<User> {
  await ctx.beforeCreate("user", wanted.email.toLowerCase());
  try {
    const user = await ctx.genesys().createUser({ name: wanted.name, email: wanted.email, divisionId: setup.divisionId });
    await ctx.afterCreate("user", wanted.email.toLowerCase(), user.id);
    return user;
  } catch (error) {
    // A conflict or an unknown outcome: the user may exist now, so look it up by email.
    if (!isGenesysCloudError(error) || !(error.status === 409 || error.outcomeUnknown)) throw error;
    const user = (await usersByEmail(ctx.genesys())).get(wanted.email.toLowerCase());
    if (!user) throw error;
    return user;
  }
}

/** Step 8 (optional): people added to the org with the admin role. */
export const adminUsersStep = defineStep<Input>({
  key: ADMIN_USERS,
  title: "Additional admin users",
  description: "Adds the listed people to the Genesys Cloud org (found by email, created when missing) and grants them the admin role in the Home division.",
  phase: "genesys-cloud",
  dependsOn: [CONNECT_ORG],
  input,
  inputFrom: ({ tenant }) => ({ users: tenant.settings.adminUsers }),
  appliesTo: (tenant) => tenant.settings.adminUsers.length > 0,

  async plan(ctx) {
    const changes = await gaps(ctx, await adminSetup(ctx.genesys()), await usersByEmail(ctx.genesys()));
    return { action: changes.length === 0 ? "none" : changes.some((change) => change.actual === "") ? "create" : "update", changes };
  },

  async apply(ctx) {
    const genesys = ctx.genesys();
    const setup = await adminSetup(genesys);
    const existing = await usersByEmail(genesys);
    const changes: string[] = [];
    const users: { email: string; id: string }[] = [];
    const externalObjects: { kind: string; marker: string; id: string }[] = [];
    for (const wanted of ctx.input.users) {
      let user = existing.get(wanted.email.toLowerCase());
      if (!user) {
        user = await createAdmin(ctx, wanted, setup);
        changes.push(`added user ${wanted.email}`);
      }
      externalObjects.push({ kind: "user", marker: wanted.email.toLowerCase(), id: user.id });
      if (!(await holdsAdmin(genesys, user.id, setup))) {
        await genesys.bulkAddRoleGrants(user.id, [setup]);
        changes.push(`granted the admin role to ${wanted.email}`);
      }
      users.push({ email: wanted.email, id: user.id });
    }
    return { result: changes.length === 0 ? "unchanged" : "updated", outputs: { users }, externalObjects, changes };
  },

  async verify(ctx) {
    const found = await gaps(ctx, await adminSetup(ctx.genesys()), await usersByEmail(ctx.genesys()));
    const status = found.length === 0 ? "ok" : found.every((gap) => gap.actual === "") ? "missing" : "drifted";
    return { status, differences: found };
  },
});
