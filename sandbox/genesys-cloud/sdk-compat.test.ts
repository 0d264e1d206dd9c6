// The official JavaScript SDK must work against the sandbox unchanged, pointed at it with setGateway.
import platformClient from "purecloud-platform-client-v2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "./index";
import { makeCertificate } from "./saml-test-fixture";
import { ACME, withSandbox } from "./test-support";

describe("purecloud-platform-client-v2 against the sandbox", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox();
  });
  afterAll(() => sandbox.close());

  it("logs in with client credentials, reads the org, creates an OAuth client, puts and gets the PureEngage provider", async () => {
    const client = platformClient.ApiClient.instance;
    client.setGateway({ host: "127.0.0.1", protocol: "http", port: sandbox.port });
    const login = await client.loginClientCredentialsGrant(ACME.clientId, ACME.clientSecret);
    expect(login.accessToken).toEqual(expect.any(String));

    const org = await new platformClient.OrganizationApi().getOrganizationsMe();
    expect(org.thirdPartyOrgName).toBe("acme-eu");

    const oauth = new platformClient.OAuthApi();
    const created = await oauth.postOauthClients({
      name: "GWS SAML bearer",
      authorizedGrantType: "SAML2-BEARER",
      accessTokenValiditySeconds: 3600,
    });
    expect(created.secret).toEqual(expect.any(String));
    expect((await oauth.getOauthClient(created.id!)).secret).toBeUndefined();

    const providers = new platformClient.IdentityProviderApi();
    const { certificatePem } = makeCertificate();
    const put = await providers.putIdentityprovidersPureengage({
      name: "PureEngage",
      issuerURI: "https://gws.acme.example.test",
      certificate: certificatePem,
      autoProvisionUsers: true,
    });
    expect(Object.keys(put).sort()).toEqual(["disabled", "id", "name", "selfUri"]);
    const got = await providers.getIdentityprovidersPureengage();
    expect(got).toMatchObject({ id: put.id, issuerURI: "https://gws.acme.example.test", autoProvisionUsers: true });
    expect(got.certificate).not.toMatch(/BEGIN|\s/);
  });
});
