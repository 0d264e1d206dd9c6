// POST /oauth/token: client credentials and SAML2 bearer grants.
import type { RequestContext, Reply } from "../http/context";
import { TokenError } from "../http/errors";
import type { Router } from "../http/router";
import { inEffect, propagated } from "../propagation";
import { findClientAnywhere, type OrgState, type StoredClient } from "../state";
import { issueToken, secretsMatch } from "../tokens";
import { exchangeSamlAssertion } from "./saml-bearer";

const SAML2_BEARER = "urn:ietf:params:oauth:grant-type:saml2-bearer";

function clientCredentialsOf(ctx: RequestContext, form: URLSearchParams): { id: string; secret: string } {
  const header = ctx.req.headers.authorization ?? "";
  const basic = /^basic\s+(\S+)$/i.exec(header)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0)
      return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  const id = form.get("client_id");
  const secret = form.get("client_secret");
  if (id && secret) return { id, secret };
  throw new TokenError(
    401,
    "invalid_client",
    "client authentication required: send HTTP Basic base64(clientId:clientSecret)",
  );
}

function authenticateClient(ctx: RequestContext, form: URLSearchParams): { org: OrgState; client: StoredClient } {
  const credentials = clientCredentialsOf(ctx, form);
  // A client created or a secret regenerated less than the propagation delay ago is not known yet.
  const found = findClientAnywhere(ctx.state, credentials.id);
  const known = found && propagated(found.client.knownFrom);
  if (!found || !known || !secretsMatch(credentials.secret, inEffect(found.client.secret, found.client.secretChange))) {
    throw new TokenError(401, "invalid_client", "authentication failed");
  }
  if (found.client.state !== "active")
    throw new TokenError(400, "unauthorized_client", `client is ${found.client.state}`);
  return found;
}

function requireGrantType(
  client: StoredClient,
  expected: StoredClient["authorizedGrantType"],
  grantType: string,
): void {
  if (client.authorizedGrantType !== expected) {
    throw new TokenError(
      400,
      "unauthorized_client",
      `client is not authorized for grant type ${grantType} (its authorizedGrantType is ${client.authorizedGrantType})`,
    );
  }
}

function tokenRequest(ctx: RequestContext): Reply {
  const type = ctx.req.headers["content-type"] ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new TokenError(400, "invalid_request", "the body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(ctx.rawBody);
  const grantType = form.get("grant_type");
  if (!grantType) throw new TokenError(400, "invalid_request", "grant_type is required");
  const { org, client } = authenticateClient(ctx, form);
  if (!ctx.sandbox.tokenLimiterTake(client.id)) throw new TokenError(400, "invalid_request", "rate limit exceeded");
  if (grantType === "client_credentials") {
    requireGrantType(client, "CLIENT-CREDENTIALS", grantType);
    return {
      status: 200,
      body: issueToken(ctx.state, { orgId: org.id, subject: { kind: "client", clientId: client.id }, client }),
    };
  }
  if (grantType === SAML2_BEARER) {
    requireGrantType(client, "SAML2-BEARER", grantType);
    return { status: 200, body: exchangeSamlAssertion(ctx.state, { clientOrg: org, client, form }) };
  }
  throw new TokenError(400, "unsupported_grant_type", `unsupported grant type: ${grantType}`);
}

export function registerTokenRoutes(router: Router): void {
  router.add("POST", "/oauth/token", tokenRequest);
}
