import { z } from "zod";
import { isGenesysCloudError, type GenesysCloudClient, type Subject, type User } from "@/lib/genesys-cloud";
import { requireDefaultRole } from "./org-roles";
import { defineStep, type FieldDifference, type StepContext } from "../model/step";
import { ADMIN_USERS, CONNECT_ORG } from "../model/step-keys";

const input = z.object({ users: z.array(z.object({ name: z.string(), email: z.string() })).min(1) });
type Input = z.output<typeof input>;

/** The admin role, and the Home division read only when needed (grants usually say whether they are in Home). */
interface AdminSetup {
  roleId: string;
  homeDivisionId(): Promise<string>;
}

async function adminSetup(genesys: GenesysCloudClient): Promise<AdminSetup> {
  const admin = await requireDefaultRole(genesys, "admin");
  let home: Promise<string> | undefined;
  const homeDivisionId = () => (home ??= genesys.getHomeDivision().then((division) => division.id));
  return { roleId: admin.id, homeDivisionId };
}

/** The listed people found by email with the users search: the cost does not grow with the org's size. */
async function usersByEmail(ctx: StepContext<Input>): Promise<Map<string, User>> {
  const found = await ctx.genesys().findUsersByEmail(ctx.input.users.map((user) => user.email));
  return new Map(found.flatMap((user) => (user.email ? [[user.email.toLowerCase(), user] as const] : [])));
}

async function holdsAdmin(genesys: GenesysCloudClient, userId: string, setup: AdminSetup): Promise<boolean> {
  const { grants: all }: Subject = await genesys.getSubject(userId);
  const grants = all.filter((grant) => grant.role.id === setup.roleId);
  if (grants.some((grant) => grant.division.homeDivision === true)) return true;
  if (grants.every((grant) => grant.division.homeDivision === false)) return false;
  const home = await setup.homeDivisionId();
  return grants.some((grant) => grant.division.id === home);
}

/** Each wanted admin: missing (no such user) or lacking the admin role in the Home division. */
async function gaps(ctx: StepContext<Input>, setup: AdminSetup, existing: Map<string, User>) {
  const found: FieldDifference[] = [];
  for (const wanted of ctx.input.users) {
    const user = existing.get(wanted.email.toLowerCase());
    if (!user) found.push({ field: wanted.email, expected: "user with the admin role", actual: "" });
    else if (!(await holdsAdmin(ctx.genesys(), user.id, setup))) {
      found.push({ field: wanted.email, expected: "admin role in the Home division", actual: "not granted" });
    }
  }
  return found;
}

/** The new user (who has only the employee role), or the existing one a conflict or an unknown outcome points at. */
async function createAdmin(ctx: StepContext<Input>, wanted: { name: string; email: string }, setup: AdminSetup) {
  await ctx.beforeCreate("user", wanted.email.toLowerCase());
  try {
    const divisionId = await setup.homeDivisionId();
    const user = await ctx.genesys().createUser({ name: wanted.name, email: wanted.email, divisionId });
    await ctx.afterCreate("user", wanted.email.toLowerCase(), user.id);
    return { user, created: true };
  } catch (error) {
    // A conflict or an unknown outcome: the user may exist now, so look it up by email.
    if (!isGenesysCloudError(error) || !(error.status === 409 || error.outcomeUnknown)) throw error;
    const [user] = await ctx.genesys().findUsersByEmail([wanted.email]);
    if (!user) throw error;
    return { user, created: false };
  }
}

/** Step 8 (optional): people added to the org with the admin role. */
export const adminUsersStep = defineStep<Input>({
  key: ADMIN_USERS,
  title: "Additional admin users",
  description:
    "Adds the listed people to the Genesys Cloud org (found by email, created when missing) and grants them the admin role in the Home division.",
  phase: "genesys-cloud",
  dependsOn: [CONNECT_ORG],
  input,
  inputFrom: ({ tenant }) => ({ users: tenant.settings.adminUsers }),
  when: { setting: "adminUsers" },

  async plan(ctx) {
    const changes = await gaps(ctx, await adminSetup(ctx.genesys()), await usersByEmail(ctx));
    return {
      action: changes.length === 0 ? "none" : changes.some((change) => change.actual === "") ? "create" : "update",
      changes,
    };
  },

  async apply(ctx) {
    const genesys = ctx.genesys();
    const setup = await adminSetup(genesys);
    const existing = await usersByEmail(ctx);
    const changes: string[] = [];
    const users: { email: string; id: string }[] = [];
    const externalObjects: { kind: string; marker: string; id: string }[] = [];
    for (const wanted of ctx.input.users) {
      let user = existing.get(wanted.email.toLowerCase());
      // A user created just now has only the employee role: no need to read its grants.
      let lacksAdmin = true;
      if (!user) {
        const outcome = await createAdmin(ctx, wanted, setup);
        user = outcome.user;
        if (!outcome.created) lacksAdmin = !(await holdsAdmin(genesys, user.id, setup));
        changes.push(`added user ${wanted.email}`);
      } else {
        lacksAdmin = !(await holdsAdmin(genesys, user.id, setup));
      }
      externalObjects.push({ kind: "user", marker: wanted.email.toLowerCase(), id: user.id });
      if (lacksAdmin) {
        await genesys.bulkAddRoleGrants(user.id, [{ roleId: setup.roleId, divisionId: await setup.homeDivisionId() }]);
        changes.push(`granted the admin role to ${wanted.email}`);
      }
      users.push({ email: wanted.email, id: user.id });
    }
    return { result: changes.length === 0 ? "unchanged" : "updated", outputs: { users }, externalObjects, changes };
  },

  async verify(ctx) {
    const found = await gaps(ctx, await adminSetup(ctx.genesys()), await usersByEmail(ctx));
    const status = found.length === 0 ? "ok" : found.every((gap) => gap.actual === "") ? "missing" : "drifted";
    return { status, differences: found };
  },
});
