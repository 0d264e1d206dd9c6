// The OAuth scopes that grant each Platform API route, in one table checked by the request pipeline.
//
// Source: the `security` ("PureCloud OAuth") of each operation in the Platform API's OpenAPI definition, the one the
// official SDKs are generated from and the Developer Center's API Explorer shows; reads are granted by `<domain>` and
// `<domain>:readonly`, changes by `<domain>` only. See docs/genesys-cloud-sandbox.md (OAuth scopes).
import { ApiError } from "./http/errors";

/** `METHOD /path/pattern` as the route is registered (`:param` segments). */
export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export const SCOPES_BY_ROUTE: Readonly<Record<string, readonly string[]>> = {
  "GET /api/v2/organizations/me": ["organization", "organization:readonly"],
  "GET /api/v2/oauth/clients": ["oauth", "oauth:readonly"],
  "POST /api/v2/oauth/clients": ["oauth"],
  "GET /api/v2/oauth/clients/:id": ["oauth", "oauth:readonly"],
  "PUT /api/v2/oauth/clients/:id": ["oauth"],
  "DELETE /api/v2/oauth/clients/:id": ["oauth"],
  "POST /api/v2/oauth/clients/:id/secret": ["oauth"],
  "GET /api/v2/authorization/roles": ["authorization", "authorization:readonly"],
  "GET /api/v2/authorization/roles/:id": ["authorization", "authorization:readonly"],
  "PUT /api/v2/authorization/roles/:id": ["authorization"],
  "GET /api/v2/authorization/divisions": ["authorization", "authorization:readonly"],
  "GET /api/v2/authorization/divisions/home": ["authorization", "authorization:readonly"],
  "POST /api/v2/authorization/subjects/:id/bulkadd": ["authorization"],
  "GET /api/v2/authorization/subjects/:id": ["authorization", "authorization:readonly"],
  "GET /api/v2/identityproviders": ["identity-providers", "identity-providers:readonly"],
  "GET /api/v2/identityproviders/pureengage": ["identity-providers", "identity-providers:readonly"],
  "PUT /api/v2/identityproviders/pureengage": ["identity-providers"],
  "DELETE /api/v2/identityproviders/pureengage": ["identity-providers"],
  "POST /api/v2/users": ["users"],
  "GET /api/v2/users": ["users", "users:readonly"],
  "GET /api/v2/users/:id": ["users", "users:readonly"],
  "POST /api/v2/users/search": ["users", "users:readonly"],
  "GET /api/v2/journey/actionmaps": ["journey", "journey:readonly"],
};

/**
 * A token with scopes may call only routes one of its scopes grants; a route missing from the table grants none.
 * Tokens without scopes (client credentials, clients created without scopes) are left to their roles.
 */
export function requireScope(tokenScopes: readonly string[], key: string): void {
  if (tokenScopes.length === 0) return;
  const granting = SCOPES_BY_ROUTE[key] ?? [];
  if (granting.some((scope) => tokenScopes.includes(scope))) return;
  const scopes = `[${granting.join(", ")}]`;
  throw new ApiError(403, {
    code: "app.not.authorized.for.scope",
    message: `App not authorized to use scope ${scopes}`,
    messageParams: { scopes },
  });
}
