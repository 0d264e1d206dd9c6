// Role grants: POST /authorization/subjects/{id}/bulkadd and GET /authorization/subjects/{id}.
import { z } from "zod";
import { requirePermissions } from "../authorization";
import { callerOf, jsonBody, noContent, ok } from "../http/context";
import { invalidValue } from "../http/errors";
import type { Router } from "../http/router";
import type { OrgState, StoredUser } from "../state";
import { divisionView } from "./divisions";
import { checkRolesHeld } from "./oauth-clients";
import { userOf } from "./users";

const bulkAddSchema = z.object({
  grants: z
    .array(z.object({ roleId: z.string().min(1), divisionId: z.string().min(1) }))
    .min(1, { message: "must hold at least one grant" }),
});

function subjectView(org: OrgState, user: StoredUser) {
  return {
    id: user.id,
    name: user.name,
    grants: user.grants.flatMap((grant) => {
      const role = org.roles.get(grant.roleId);
      const division = org.divisions.get(grant.divisionId);
      if (!role || !division) return [];
      return [
        {
          subjectId: user.id,
          division: divisionView(division),
          role: {
            id: role.id,
            name: role.name,
            description: role.description,
            policies: role.permissionPolicies.map((p) => ({
              domain: p.domain,
              entityName: p.entityName,
              actions: p.actionSet,
            })),
            default: role.defaultRoleId !== undefined,
            selfUri: `/api/v2/authorization/roles/${role.id}`,
          },
          grantMadeAt: grant.grantMadeAt,
        },
      ];
    }),
    version: user.version,
    selfUri: `/api/v2/authorization/subjects/${user.id}`,
  };
}

export function registerSubjectRoutes(router: Router): void {
  router.add("POST", "/api/v2/authorization/subjects/:id/bulkadd", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "authorization:grant:add");
    const subjectType = ctx.url.searchParams.get("subjectType") ?? "PC_USER";
    if (subjectType !== "PC_USER") throw invalidValue("subjectType", "only PC_USER subjects are supported");
    const user = userOf(ctx);
    const { grants } = jsonBody(ctx, bulkAddSchema);
    grants.forEach((grant, i) => {
      if (!caller.org.roles.has(grant.roleId))
        throw invalidValue(`grants[${i}].roleId`, `no role ${grant.roleId} in this org`);
      if (!caller.org.divisions.has(grant.divisionId))
        throw invalidValue(`grants[${i}].divisionId`, `no division ${grant.divisionId} in this org`);
    });
    checkRolesHeld(caller, grants);
    const now = new Date().toISOString();
    for (const grant of grants) {
      const held = user.grants.some((g) => g.roleId === grant.roleId && g.divisionId === grant.divisionId);
      if (!held) user.grants.push({ ...grant, grantMadeAt: now });
    }
    user.version += 1;
    return noContent();
  });

  router.add("GET", "/api/v2/authorization/subjects/:id", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "authorization:grant:view");
    return ok(subjectView(caller.org, userOf(ctx)));
  });
}
