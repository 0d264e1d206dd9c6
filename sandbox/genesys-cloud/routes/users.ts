// Users: create (new users get the employee role in the Home division), list, search, get.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requirePermissions } from "../authorization";
import { callerOf, jsonBody, ok, type RequestContext } from "../http/context";
import { ApiError, invalidValue, notFound } from "../http/errors";
import { paged } from "../http/paging";
import type { Router } from "../http/router";
import { homeDivision, roleByDefaultId, type OrgState, type StoredUser } from "../state";
import { registerUserSearchRoute } from "./user-search";

const createSchema = z.object({
  name: z.string().trim().min(1, { message: "must not be empty" }),
  email: z.email({ message: "must be an email address" }),
  divisionId: z.string().min(1, { message: "must not be empty" }),
  password: z.string().optional(),
  state: z.enum(["active", "inactive"]).default("active"),
  department: z.string().optional(),
  title: z.string().optional(),
});

export function userView(org: OrgState, user: StoredUser) {
  const division = org.divisions.get(user.divisionId);
  return {
    id: user.id,
    name: user.name,
    division: {
      id: user.divisionId,
      name: division?.name,
      selfUri: `/api/v2/authorization/divisions/${user.divisionId}`,
    },
    email: user.email,
    username: user.email,
    state: user.state,
    ...(user.department ? { department: user.department } : {}),
    ...(user.title ? { title: user.title } : {}),
    version: user.version,
    acdAutoAnswer: false,
    selfUri: `/api/v2/users/${user.id}`,
  };
}

export function userOf(ctx: RequestContext, id = ctx.params.id ?? ""): StoredUser {
  const user = callerOf(ctx).org.users.get(id);
  if (!user) throw notFound(`User ${id}`);
  return user;
}

export function registerUserRoutes(router: Router): void {
  router.add("POST", "/api/v2/users", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "directory:user:add");
    const { password: _password, ...body } = jsonBody(ctx, createSchema);
    const { org } = caller;
    if (!org.divisions.has(body.divisionId))
      throw invalidValue("divisionId", `no division ${body.divisionId} in this org`);
    if ([...org.users.values()].some((u) => u.email.toLowerCase() === body.email.toLowerCase())) {
      throw new ApiError(409, {
        code: "general.conflict",
        message: `A user with email ${body.email} already exists`,
        messageParams: { email: body.email },
      });
    }
    const employee = roleByDefaultId(org, "employee");
    const now = new Date().toISOString();
    const user: StoredUser = {
      ...body,
      id: randomUUID(),
      version: 1,
      grants: employee ? [{ roleId: employee.id, divisionId: homeDivision(org).id, grantMadeAt: now }] : [],
    };
    org.users.set(user.id, user);
    return ok(userView(org, user));
  });

  router.add("GET", "/api/v2/users", (ctx) => {
    const { org } = callerOf(ctx);
    const ids = ctx.url.searchParams.getAll("id");
    const state = ctx.url.searchParams.get("state") ?? "active";
    if (!["active", "inactive", "deleted", "any"].includes(state))
      throw invalidValue("state", "must be active, inactive, deleted or any");
    const users = [...org.users.values()]
      .filter((u) => ids.length === 0 || ids.includes(u.id))
      .filter((u) => state === "any" || u.state === state)
      .sort((a, b) => a.name.localeCompare(b.name));
    return ok(
      paged(
        ctx,
        users.map((u) => userView(org, u)),
      ),
    );
  });

  registerUserSearchRoute(router);

  router.add("GET", "/api/v2/users/:id", (ctx) => ok(userView(callerOf(ctx).org, userOf(ctx))));
}
