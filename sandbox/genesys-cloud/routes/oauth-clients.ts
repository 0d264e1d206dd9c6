// OAuth clients: list, create, get, update, delete, regenerate secret.
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import { requirePermissions, rolesHeld, subjectId } from "../authorization";
import { callerOf, jsonBody, noContent, ok, type Caller, type RequestContext } from "../http/context";
import { ApiError, invalidValue, notFound } from "../http/errors";
import { paged } from "../http/paging";
import type { Router } from "../http/router";
import { recordChange } from "../propagation";
import {
  CLIENT_STATES,
  DEFAULT_TOKEN_SECONDS,
  GRANT_TYPES,
  MAX_TOKEN_SECONDS,
  MIN_TOKEN_SECONDS,
} from "../seed-schema";
import { homeDivision, type OrgState, type RoleDivision, type StoredClient } from "../state";

const requestSchema = z.object({
  name: z.string().trim().min(1, { message: "must not be empty" }),
  description: z.string().default(""),
  accessTokenValiditySeconds: z
    .number()
    .int()
    .min(MIN_TOKEN_SECONDS, { message: `must be from ${MIN_TOKEN_SECONDS} to ${MAX_TOKEN_SECONDS} seconds` })
    .max(MAX_TOKEN_SECONDS, { message: `must be from ${MIN_TOKEN_SECONDS} to ${MAX_TOKEN_SECONDS} seconds` })
    .default(DEFAULT_TOKEN_SECONDS),
  authorizedGrantType: z.string().optional(),
  registeredRedirectUri: z.array(z.string()).default([]),
  scope: z.array(z.string()).default([]),
  roleDivisions: z.array(z.object({ roleId: z.string(), divisionId: z.string() })).default([]),
  roleIds: z.array(z.string()).default([]),
  state: z.enum(CLIENT_STATES).default("active"),
});

const clientUri = (id: string) => `/api/v2/oauth/clients/${id}`;
const ref = (id: string | undefined) => (id ? { id, selfUri: `/api/v2/users/${id}` } : undefined);

/** The response shape; `secret` only when the caller is allowed to see it (create and regenerate). */
function clientView(client: StoredClient, withSecret: boolean) {
  return {
    id: client.id,
    name: client.name,
    accessTokenValiditySeconds: client.accessTokenValiditySeconds,
    description: client.description,
    registeredRedirectUri: client.registeredRedirectUri,
    ...(withSecret ? { secret: client.secret } : {}),
    roleIds: [...new Set(client.roleDivisions.map((g) => g.roleId))],
    dateCreated: client.dateCreated,
    dateModified: client.dateModified,
    createdBy: ref(client.createdBy),
    modifiedBy: ref(client.modifiedBy),
    authorizedGrantType: client.authorizedGrantType,
    scope: client.scope,
    roleDivisions: client.roleDivisions,
    state: client.state,
    selfUri: clientUri(client.id),
  };
}

function readRequest(ctx: RequestContext, caller: Caller) {
  const body = jsonBody(ctx, requestSchema);
  const grantType = body.authorizedGrantType;
  if (grantType === undefined)
    throw new ApiError(400, {
      code: "grant.type.required",
      message: "The field authorizedGrantType is required",
      messageParams: { field: "authorizedGrantType" },
    });
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
    throw new ApiError(400, {
      code: "bad.grant.type",
      message: `authorizedGrantType ${grantType} is not one of ${GRANT_TYPES.join(", ")}`,
      messageParams: { field: "authorizedGrantType" },
    });
  }
  const clientCredentials = grantType === "CLIENT-CREDENTIALS";
  const roleDivisions = clientCredentials ? grantsFrom(caller.org, body.roleDivisions, body.roleIds) : [];
  if (clientCredentials && roleDivisions.length === 0) {
    throw new ApiError(400, {
      code: "missing.client.roles",
      message: "A client-credentials client needs at least one role in roleDivisions",
    });
  }
  checkRolesHeld(caller, roleDivisions);
  return {
    ...body,
    authorizedGrantType: grantType as StoredClient["authorizedGrantType"],
    roleDivisions,
    scope: clientCredentials ? [] : body.scope,
  };
}

function grantsFrom(org: OrgState, roleDivisions: RoleDivision[], roleIds: string[]): RoleDivision[] {
  const home = homeDivision(org).id;
  const grants = [...roleDivisions, ...roleIds.map((roleId) => ({ roleId, divisionId: home }))];
  grants.forEach((grant, i) => {
    if (!org.roles.has(grant.roleId))
      throw invalidValue(`roleDivisions[${i}].roleId`, `no role ${grant.roleId} in this org`);
    if (!org.divisions.has(grant.divisionId))
      throw invalidValue(`roleDivisions[${i}].divisionId`, `no division ${grant.divisionId} in this org`);
  });
  return grants;
}

/** A caller may only hand out roles it holds itself. */
export function checkRolesHeld(caller: Caller, grants: RoleDivision[]): void {
  const held = new Set(rolesHeld(caller).map((r) => r.id));
  const foreign = grants.find((g) => !held.has(g.roleId));
  if (foreign) {
    const name = caller.org.roles.get(foreign.roleId)?.name ?? foreign.roleId;
    throw new ApiError(403, {
      code: "not.authorized",
      message: `You cannot grant the role ${name} because you do not hold it`,
      messageParams: { role: name },
    });
  }
}

function clientOf(ctx: RequestContext): StoredClient {
  const id = ctx.params.id ?? "";
  const client = callerOf(ctx).org.clients.get(id);
  if (!client) throw notFound(`OAuth client ${id}`);
  return client;
}

const newSecret = () => randomBytes(32).toString("base64url");

export function registerOAuthClientRoutes(router: Router): void {
  router.add("GET", "/api/v2/oauth/clients", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "oauth:client:view");
    const clients = [...caller.org.clients.values()].map((c) => clientView(c, false));
    return ok(paged(ctx, clients, Math.max(clients.length, 1)));
  });

  router.add("POST", "/api/v2/oauth/clients", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "oauth:client:add");
    const body = readRequest(ctx, caller);
    if (caller.org.clients.size >= caller.org.maxOAuthClients) {
      throw new ApiError(400, {
        code: "auth.too.many.clients",
        message: `The organization already has the maximum of ${caller.org.maxOAuthClients} OAuth clients`,
        messageParams: { limit: String(caller.org.maxOAuthClients) },
      });
    }
    const now = new Date().toISOString();
    const { roleIds: _roleIds, ...fields } = body;
    const client: StoredClient = {
      ...fields,
      id: randomUUID(),
      secret: newSecret(),
      dateCreated: now,
      dateModified: now,
      createdBy: subjectId(caller),
      modifiedBy: subjectId(caller),
      knownFrom: Date.now() + caller.propagationDelayMs,
    };
    caller.org.clients.set(client.id, client);
    return ok(clientView(client, true));
  });

  router.add("GET", "/api/v2/oauth/clients/:id", (ctx) => {
    requirePermissions(callerOf(ctx), "oauth:client:view");
    return ok(clientView(clientOf(ctx), false));
  });

  router.add("PUT", "/api/v2/oauth/clients/:id", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "oauth:client:edit");
    const client = clientOf(ctx);
    const { roleIds: _roleIds, ...fields } = readRequest(ctx, caller);
    Object.assign(client, fields, { dateModified: new Date().toISOString(), modifiedBy: subjectId(caller) });
    return ok(clientView(client, false));
  });

  router.add("DELETE", "/api/v2/oauth/clients/:id", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "oauth:client:delete");
    caller.org.clients.delete(clientOf(ctx).id);
    return noContent();
  });

  router.add("POST", "/api/v2/oauth/clients/:id/secret", (ctx) => {
    const caller = callerOf(ctx);
    requirePermissions(caller, "oauth:client:edit");
    const client = clientOf(ctx);
    client.secretChange = recordChange(client.secretChange, {
      before: client.secret,
      delayMs: caller.propagationDelayMs,
    });
    Object.assign(client, {
      secret: newSecret(),
      dateModified: new Date().toISOString(),
      modifiedBy: subjectId(caller),
    });
    return ok(clientView(client, true));
  });
}
