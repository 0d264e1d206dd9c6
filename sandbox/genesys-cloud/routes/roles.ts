// Roles: list (name, defaultRoleId, id, permission filters; paging), get, update. Wildcards come back expanded.
// The list may abbreviate policies (the org's `roleListPolicies`); GET by id answers them in full.
import { z } from "zod";
import { requirePermissions } from "../authorization";
import { callerOf, jsonBody, ok, type RequestContext } from "../http/context";
import { ApiError, invalidValue, notFound } from "../http/errors";
import { paged } from "../http/paging";
import type { Router } from "../http/router";
import { expandPolicies, PERMISSION_CATALOGUE, permissionsOf } from "../permissions";
import { recordChange } from "../propagation";
import { permissionPolicySeedSchema } from "../seed-schema";
import type { OrgState, StoredRole } from "../state";

const updateSchema = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, { message: "must not be empty" }),
  description: z.string().default(""),
  permissions: z.array(z.string()).default([]),
  permissionPolicies: z.array(permissionPolicySeedSchema).default([]),
});

type PolicyDetail = OrgState["roleListPolicies"];

type StoredPolicy = StoredRole["permissionPolicies"][number];
const bare = ({ domain, entityName, actionSet }: StoredPolicy) => ({ domain, entityName, actionSet });

function policiesView(role: StoredRole, detail: PolicyDetail) {
  const policies = expandPolicies(role.permissionPolicies);
  if (detail === "omitted") return {};
  return { permissions: [], permissionPolicies: detail === "bare" ? policies.map(bare) : policies };
}

const countUsers = (org: OrgState, role: StoredRole) =>
  [...org.users.values()].filter((u) => u.grants.some((g) => g.roleId === role.id)).length;

/** `userCount=false` leaves the count out (the API's default is true). */
const wantsUserCount = (ctx: RequestContext) => ctx.url.searchParams.get("userCount") !== "false";

function roleView(
  org: OrgState,
  role: StoredRole,
  { detail = "full", userCount = true }: { detail?: PolicyDetail; userCount?: boolean } = {},
) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    ...(role.defaultRoleId ? { defaultRoleId: role.defaultRoleId } : {}),
    ...policiesView(role, detail),
    ...(userCount ? { userCount: countUsers(org, role) } : {}),
    base: false,
    default: role.defaultRoleId !== undefined,
    selfUri: `/api/v2/authorization/roles/${role.id}`,
  };
}

function roleOf(ctx: RequestContext): StoredRole {
  const id = ctx.params.id ?? "";
  const role = callerOf(ctx).org.roles.get(id);
  if (!role) throw notFound(`Role ${id}`);
  return role;
}

function checkPoliciesKnown(policies: StoredRole["permissionPolicies"]): void {
  policies.forEach((policy, i) => {
    const domain = PERMISSION_CATALOGUE[policy.domain];
    if (!domain) return;
    if (policy.entityName !== "*" && !domain[policy.entityName]) {
      throw invalidValue(`permissionPolicies[${i}].entityName`, `${policy.domain} has no entity ${policy.entityName}`);
    }
    const known = policy.entityName === "*" ? Object.values(domain).flat() : (domain[policy.entityName] ?? []);
    const unknown = policy.actionSet.find((a) => a !== "*" && !known.includes(a));
    if (unknown)
      throw invalidValue(
        `permissionPolicies[${i}].actionSet`,
        `${policy.domain}:${policy.entityName} has no action ${unknown}`,
      );
  });
}

export function registerRoleRoutes(router: Router): void {
  router.add("GET", "/api/v2/authorization/roles", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "authorization:role:view");
    const q = ctx.url.searchParams;
    const name = q.get("name")?.toLowerCase();
    const defaultIds = q.getAll("defaultRoleId");
    const ids = q.getAll("id");
    const permissions = q.getAll("permission");
    const roles = [...caller.org.roles.values()]
      .filter((r) => !name || r.name.toLowerCase().includes(name))
      .filter((r) => defaultIds.length === 0 || (r.defaultRoleId !== undefined && defaultIds.includes(r.defaultRoleId)))
      .filter((r) => ids.length === 0 || ids.includes(r.id))
      .filter(
        (r) => permissions.length === 0 || permissionsOf(r.permissionPolicies).some((p) => permissions.includes(p)),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    return ok(
      paged(
        ctx,
        roles.map((r) =>
          roleView(caller.org, r, { detail: caller.org.roleListPolicies, userCount: wantsUserCount(ctx) }),
        ),
      ),
    );
  });

  router.add("GET", "/api/v2/authorization/roles/:id", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "authorization:role:view");
    return ok(roleView(caller.org, roleOf(ctx), { detail: "full", userCount: wantsUserCount(ctx) }));
  });

  router.add("PUT", "/api/v2/authorization/roles/:id", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "authorization:role:edit");
    const role = roleOf(ctx);
    const body = jsonBody(ctx, updateSchema);
    if (body.id !== undefined && body.id !== role.id)
      throw invalidValue("id", `must equal the role id in the path (${role.id})`);
    // Policies of a domain the org has no product for are dropped without an error (see the docs).
    const licensed = body.permissionPolicies.filter((policy) => !caller.org.unlicensedDomains.includes(policy.domain));
    checkPoliciesKnown(licensed);
    const clash = [...caller.org.roles.values()].find(
      (r) => r.id !== role.id && r.name.toLowerCase() === body.name.toLowerCase(),
    );
    if (clash)
      throw new ApiError(409, {
        code: "general.conflict",
        message: `A role named ${body.name} already exists`,
        messageParams: { name: body.name },
      });
    role.policiesChange = recordChange(role.policiesChange, {
      before: role.permissionPolicies,
      delayMs: caller.propagationDelayMs,
    });
    const permissionPolicies = expandPolicies(licensed);
    Object.assign(role, { name: body.name, description: body.description, permissionPolicies });
    return ok(roleView(caller.org, role));
  });
}
