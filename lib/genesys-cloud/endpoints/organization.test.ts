import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { GenesysCloudError } from "../errors";
import { ACME, clientFor, failureOf, GLOBEX, startSandbox } from "../test-support";

describe("organization and token exchanges", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it("reads the org the credentials belong to", async () => {
    const org = await clientFor(sandbox).getOrganization();
    expect(org).toMatchObject({
      id: "10000000-0000-4000-8000-000000000000",
      name: "Acme Europe",
      thirdPartyOrgName: "acme-eu",
    });
    expect((await clientFor(sandbox, GLOBEX).getOrganization()).thirdPartyOrgName).toBe("globex-us");
  });

  it("reports wrong client credentials in operator language", async () => {
    const error = await failureOf(
      clientFor(sandbox, { clientId: ACME.clientId, clientSecret: "not-the-secret" }).getOrganization(),
    );
    expect(error).toBeInstanceOf(GenesysCloudError);
    expect(error).toMatchObject({ status: 401, code: "invalid_client", retryable: false, outcomeUnknown: false });
    expect(error.operatorMessage).toMatch(/rejected the OAuth client ID or secret/);
  });

  it("hands out fresh client-credentials tokens and works with a given access token", async () => {
    const gc = clientFor(sandbox);
    const token = await gc.exchangeClientCredentials(ACME);
    expect(token).toMatchObject({ tokenType: "bearer", expiresInSeconds: 86400 });
    const byToken = clientFor(sandbox, undefined, {});
    expect(await byToken.getAccessToken()).toEqual(expect.any(String));
    const { createGenesysCloudClient } = await import("../client");
    const withToken = createGenesysCloudClient(
      { loginBaseUrl: sandbox.url, apiBaseUrl: sandbox.url },
      { accessToken: token.accessToken },
    );
    expect((await withToken.getOrganization()).thirdPartyOrgName).toBe("acme-eu");
  });

  it("reports a refused SAML assertion with the token endpoint's reason", async () => {
    const gc = clientFor(sandbox);
    const samlClient = await gc.createOAuthClient({ name: "GWS", authorizedGrantType: "SAML2-BEARER" });
    const error = await failureOf(
      gc.exchangeSamlAssertion({
        clientId: samlClient.id,
        clientSecret: samlClient.secret,
        orgName: "acme-eu",
        assertionBase64: "PHg+",
      }),
    );
    expect(error).toMatchObject({ status: 400, code: "invalid_grant" });
    expect(error.operatorMessage).toMatch(
      /refused the SAML assertion: org "acme-eu" has no PureEngage identity provider/,
    );
  });

  it("rejects bad targets and credentials naming the field", () => {
    expect(() => clientFor(sandbox, { clientId: "", clientSecret: "x" })).toThrow(/^clientId: must not be empty/);
    expect(() => clientFor({ url: "nope", port: 0, close: async () => {} })).toThrow(
      /loginBaseUrl: must be an absolute http\(s\) URL/,
    );
  });
});
