import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApiRouter } from "./api-routes";
import type { RunningGenesysSandbox } from "./index";
import { makeCertificate } from "./saml-test-fixture";
import { routeKey, SCOPES_BY_ROUTE } from "./scopes";
import { ACME, acmeAuditor, api, samlUserToken, tokenFor, withSandbox } from "./test-support";

describe("OAuth scopes of Platform API routes", () => {
  it("declares the scopes of every registered Platform API route in the one table", () => {
    const apiRoutes = buildApiRouter()
      .list()
      .filter((route) => route.path.startsWith("/api/"))
      .map((route) => routeKey(route.method, route.path));
    expect(apiRoutes.length).toBeGreaterThan(15);
    expect(apiRoutes.filter((key) => !SCOPES_BY_ROUTE[key])).toEqual([]);
    expect(Object.keys(SCOPES_BY_ROUTE).filter((key) => !apiRoutes.includes(key))).toEqual([]);
  });

  it("grants reads to the read-only scope and changes only to the full one", () => {
    expect(SCOPES_BY_ROUTE["GET /api/v2/organizations/me"]).toEqual(["organization", "organization:readonly"]);
    expect(SCOPES_BY_ROUTE["GET /api/v2/journey/actionmaps"]).toEqual(["journey", "journey:readonly"]);
    expect(SCOPES_BY_ROUTE["PUT /api/v2/identityproviders/pureengage"]).toEqual(["identity-providers"]);
    expect(SCOPES_BY_ROUTE["POST /api/v2/oauth/clients/:id/secret"]).toEqual(["oauth"]);
  });
});

describe("scoped tokens against the sandbox", () => {
  let sandbox: RunningGenesysSandbox;
  let admin: string;
  const key = makeCertificate();
  const nameId = "alex.agent@acme-eu.example.com";
  const userToken = async (scope: string[]) => (await samlUserToken(sandbox.url, admin, { key, scope, nameId })).token;
  const get = (token: string, path: string) => api(sandbox.url, token, { method: "GET", path });

  beforeAll(async () => {
    sandbox = await withSandbox({ controlEndpoints: true });
  });
  beforeEach(async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    admin = await tokenFor(sandbox.url, ACME);
  });
  afterAll(() => sandbox.close());

  it("refuses a SAML2 bearer token outside its client's scopes with 403 app.not.authorized.for.scope", async () => {
    const token = await userToken(["journey"]);
    const org = await get(token, "/api/v2/organizations/me");
    expect(org.status).toBe(403);
    expect(org.body).toEqual({
      message: "App not authorized to use scope [organization, organization:readonly]",
      code: "app.not.authorized.for.scope",
      status: 403,
      messageWithParams: "App not authorized to use scope {scopes}",
      messageParams: { scopes: "[organization, organization:readonly]" },
      contextId: org.headers.get("inin-correlation-id"),
      details: [],
      errors: [],
    });
    const maps = await get(token, "/api/v2/journey/actionmaps?pageSize=1");
    expect(maps.status).toBe(200);
    expect(maps.body).toMatchObject({ pageSize: 1, pageNumber: 1, total: 0, entities: [] });
  });

  it("lets a read-only scope read and not change, whatever the user's roles allow", async () => {
    const token = await userToken(["organization:readonly", "journey:readonly"]);
    expect((await get(token, "/api/v2/organizations/me")).body).toMatchObject({ thirdPartyOrgName: "acme-eu" });
    expect((await get(token, "/api/v2/journey/actionmaps")).status).toBe(200);
    const change = await api(sandbox.url, token, { method: "DELETE", path: "/api/v2/identityproviders/pureengage" });
    expect(change.body).toMatchObject({
      status: 403,
      code: "app.not.authorized.for.scope",
      message: "App not authorized to use scope [identity-providers]",
    });
  });

  it("checks the scope before the permission, and the permission inside the scope", async () => {
    const token = await userToken(["oauth"]);
    // alex.agent holds only the employee role: in scope, the role decides.
    const inScope = await get(token, "/api/v2/oauth/clients");
    expect(inScope.body).toMatchObject({ status: 403, code: "missing.permissions" });
    const outOfScope = await get(token, "/api/v2/authorization/roles");
    expect(outOfScope.body).toMatchObject({ code: "app.not.authorized.for.scope" });
  });

  it("keeps client-credentials tokens scope-free: only their roles decide", async () => {
    const auditor = await tokenFor(sandbox.url, acmeAuditor);
    expect((await get(auditor, "/api/v2/organizations/me")).status).toBe(200);
    expect((await get(auditor, "/api/v2/oauth/clients")).status).toBe(200);
    const body = { name: "x", authorizedGrantType: "SAML2-BEARER" };
    const create = await api(sandbox.url, auditor, { method: "POST", path: "/api/v2/oauth/clients", body });
    expect(create.body).toMatchObject({ status: 403, code: "missing.permissions" });
  });

  it("leaves tokens of a client created without scopes unrestricted", async () => {
    expect((await get(await userToken([]), "/api/v2/organizations/me")).status).toBe(200);
  });
});
