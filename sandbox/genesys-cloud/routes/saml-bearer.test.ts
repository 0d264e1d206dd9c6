import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "../index";
import { assertionXml, makeCertificate, signAssertion } from "../saml-test-fixture";
import { ACME, api, postToken, tokenFor, withSandbox } from "../test-support";

const SAML2 = "urn:ietf:params:oauth:grant-type:saml2-bearer";
const ISSUER = "https://gws.acme.example.test/saml";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("POST /oauth/token (SAML2 bearer)", () => {
  let sandbox: RunningGenesysSandbox;
  let admin: string;
  let samlClient: { id: string; secret: string };
  const key = makeCertificate();

  async function putProvider(autoProvisionUsers: boolean) {
    const put = await api(sandbox.url, admin, {
      method: "PUT",
      path: "/api/v2/identityproviders/pureengage",
      body: {
        name: "PureEngage",
        issuerURI: ISSUER,
        certificate: key.certificatePem,
        autoProvisionUsers,
      },
    });
    expect(put.status).toBe(200);
  }

  const exchange = (form: Record<string, string>) =>
    postToken(sandbox.url, {
      clientId: samlClient.id,
      clientSecret: samlClient.secret,
      form: { grant_type: SAML2, orgName: "acme-eu", ...form },
    });
  const signed = (fields: Partial<Parameters<typeof assertionXml>[0]> = {}) =>
    b64(
      signAssertion(
        assertionXml({ issuer: ISSUER, nameId: "alex.agent@acme-eu.example.com", ...fields }),
        key.privateKeyPem,
      ),
    );

  beforeAll(async () => {
    sandbox = await withSandbox({ controlEndpoints: true });
  });
  beforeEach(async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    admin = await tokenFor(sandbox.url, ACME);
    const created = await api(sandbox.url, admin, {
      method: "POST",
      path: "/api/v2/oauth/clients",
      body: { name: "GWS SAML", authorizedGrantType: "SAML2-BEARER" },
    });
    samlClient = { id: created.body.id as string, secret: created.body.secret as string };
  });
  afterAll(() => sandbox.close());

  it("refuses when the org has no PureEngage provider", async () => {
    const { status, body } = await exchange({ assertion: signed() });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      error: "invalid_grant",
      description: 'org "acme-eu" has no PureEngage identity provider',
    });
    expect(body.error_description).toBe(body.description);
  });

  it("refuses an unknown orgName, bad base64 and malformed XML with a clear reason", async () => {
    await putProvider(true);
    expect((await exchange({ orgName: "nobody", assertion: signed() })).body.description).toBe(
      'orgName: no organization with short name "nobody"',
    );
    expect((await exchange({ assertion: "%%%not base64%%%" })).body).toMatchObject({
      error: "invalid_grant",
      description: "assertion is not valid base64",
    });
    expect((await exchange({ assertion: b64("<saml:Assertion") })).body.description).toMatch(
      /^assertion is not well-formed XML/,
    );
    expect((await exchange({ assertion: b64("<Other/>") })).body.description).toBe(
      "the document root must be a SAML 2.0 Assertion",
    );
  });

  it("exchanges a signed assertion of an existing user for a token acting as that user", async () => {
    await putProvider(false);
    const { status, body } = await exchange({ assertion: signed() });
    expect(status).toBe(200);
    expect(body.token_type).toBe("bearer");
    const org = await api(sandbox.url, body.access_token as string, {
      method: "GET",
      path: "/api/v2/organizations/me",
    });
    expect(org.body.thirdPartyOrgName).toBe("acme-eu");
    const clients = await api(sandbox.url, body.access_token as string, {
      method: "GET",
      path: "/api/v2/oauth/clients",
    });
    expect(clients.body).toMatchObject({ status: 403, code: "missing.permissions" });
  });

  it("auto-provisions an unknown user with the employee role only when the provider allows it", async () => {
    await putProvider(false);
    const refused = await exchange({ assertion: signed({ nameId: "new.person@acme-eu.example.com" }) });
    expect(refused.body.description).toMatch(
      /no user with email new\.person@acme-eu\.example\.com .*autoProvisionUsers is false/,
    );
    await putProvider(true);
    expect((await exchange({ assertion: signed({ nameId: "new.person@acme-eu.example.com" }) })).status).toBe(200);
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      orgs: { users: { email: string; grants: { roleId: string }[] }[] }[];
    };
    const user = state.orgs[0]!.users.find((u) => u.email === "new.person@acme-eu.example.com");
    expect(user?.grants.map((g) => g.roleId)).toEqual(["10000000-0000-4000-8000-200000000002"]);
  });

  it("refuses a wrong issuer, an expired or future assertion, and one signed by another key", async () => {
    await putProvider(true);
    expect((await exchange({ assertion: signed({ issuer: "https://evil.example.test" }) })).body.description).toMatch(
      /Issuer "https:\/\/evil\.example\.test" does not equal/,
    );
    const past = { notBefore: new Date(Date.now() - 3_600_000), notOnOrAfter: new Date(Date.now() - 600_000) };
    expect((await exchange({ assertion: signed(past) })).body.description).toMatch(/^assertion has expired/);
    expect(
      (await exchange({ assertion: signed({ notBefore: new Date(Date.now() + 600_000) }) })).body.description,
    ).toMatch(/^assertion is not valid yet/);
    const other = makeCertificate();
    const forged = b64(
      signAssertion(assertionXml({ issuer: ISSUER, nameId: "alex.agent@acme-eu.example.com" }), other.privateKeyPem),
    );
    expect((await exchange({ assertion: forged })).body.description).toMatch(
      /^the signature does not verify against the identity provider's certificate/,
    );
  });

  it("accepts an assertion signed by any of the provider's certificates, and no longer the removed one", async () => {
    const next = makeCertificate("gws-next.example.test");
    const signedBy = (privateKeyPem: string) =>
      b64(signAssertion(assertionXml({ issuer: ISSUER, nameId: "alex.agent@acme-eu.example.com" }), privateKeyPem));
    const both = await api(sandbox.url, admin, {
      method: "PUT",
      path: "/api/v2/identityproviders/pureengage",
      body: { issuerURI: ISSUER, certificates: [key.certificatePem, next.certificatePem], autoProvisionUsers: true },
    });
    expect(both.status).toBe(200);
    expect((await exchange({ assertion: signedBy(key.privateKeyPem) })).status).toBe(200);
    expect((await exchange({ assertion: signedBy(next.privateKeyPem) })).status).toBe(200);
    const stranger = await exchange({ assertion: signedBy(makeCertificate().privateKeyPem) });
    expect(stranger.body.description).toMatch(
      /^the signature does not verify against any of the identity provider's 2 certificates/,
    );

    // Removing a certificate takes both fields: a field left out keeps its stored value.
    const only = next.certificatePem;
    const body = { issuerURI: ISSUER, certificate: only, certificates: [only], autoProvisionUsers: true };
    expect(
      (await api(sandbox.url, admin, { method: "PUT", path: "/api/v2/identityproviders/pureengage", body })).status,
    ).toBe(200);
    expect((await exchange({ assertion: signedBy(next.privateKeyPem) })).status).toBe(200);
    expect((await exchange({ assertion: signedBy(key.privateKeyPem) })).body.description).toMatch(
      /^the signature does not verify against the identity provider's certificate/,
    );
  });

  it("refuses a tampered assertion and a wrapped one whose read values are not the signed ones", async () => {
    await putProvider(true);
    const xml = signAssertion(
      assertionXml({ issuer: ISSUER, nameId: "alex.agent@acme-eu.example.com" }),
      key.privateKeyPem,
    );
    const tampered = xml.replace("alex.agent@", "admin@");
    expect((await exchange({ assertion: b64(tampered) })).body.description).toMatch(/^the signature does not verify/);
    const wrapped = xml.replace(
      "<saml:Subject>",
      `<saml:Assertion ID="evil"><saml:Subject><saml:NameID>admin@acme-eu.example.com</saml:NameID></saml:Subject></saml:Assertion><saml:Subject>`,
    );
    expect((await exchange({ assertion: b64(wrapped) })).body.description).toBe("nested assertions are not accepted");
  });
});
