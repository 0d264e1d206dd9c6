// Cross-team check: assertions made by this module against the Genesys Cloud sandbox's SAML2 bearer grant,
// driven over plain HTTP exactly as an on-premises component and the provisioner would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultGenesysSeed, startGenesysCloudSandbox } from "@/sandbox/genesys-cloud";
import { buildArtifacts, transactionSamlOptions } from "./artifacts";
import { signAssertion, type AssertionOptions } from "./assertion";
import { identityProviderCertificate } from "./certificate";
import { generateKeyMaterial, type SamlKeyMaterial } from "./generate";
import { importKeyMaterial } from "./import";
import { samlNameId } from "./name-id";
import { generatePassword } from "./password";

const ISSUER = "https://www.genesys.com/pureengage";
const SAML2_BEARER = "urn:ietf:params:oauth:grant-type:saml2-bearer";

const seededOrg = defaultGenesysSeed.orgs[0];
if (!seededOrg) throw new Error("the default Genesys sandbox seed has no org");
const orgName = seededOrg.thirdPartyOrgName;
const bootstrap = seededOrg.oauthClients[0];
if (!bootstrap) throw new Error("the default Genesys sandbox seed org has no bootstrap client");

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

describe("the Genesys Cloud sandbox's SAML2 bearer grant and assertions signed by lib/saml", () => {
  let sandbox: Awaited<ReturnType<typeof startGenesysCloudSandbox>>;
  let adminToken: string;
  let samlClient: { id: string; secret: string };
  let material: SamlKeyMaterial;

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const putIdentityProvider = (certificatePem: string, autoProvisionUsers: boolean) =>
    api("PUT", "/api/v2/identityproviders/pureengage", {
      name: "Genesys Multicloud CX",
      autoProvisionUsers,
      certificate: identityProviderCertificate(certificatePem),
      issuerURI: ISSUER,
      ssoTargetURI: "https://apps.mypurecloud.ie",
      disabled: false,
    });

  const exchange = async (assertionBase64: string) => {
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: basic(samlClient.id, samlClient.secret),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: SAML2_BEARER, orgName, assertion: assertionBase64 }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const assertionFor = (username: string, overrides: Partial<AssertionOptions> = {}, signer = material) =>
    signAssertion(signer, {
      issuer: ISSUER,
      subject: samlNameId(username, { organizationSname: orgName }),
      ...overrides,
    }).base64;

  const expectRefusal = (result: { status: number; body: Record<string, unknown> }, reason: RegExp) => {
    expect(result.status).toBe(400);
    expect(Object.keys(result.body).sort()).toEqual(["description", "error", "error_description"]);
    expect(result.body.error).toBe("invalid_grant");
    expect(result.body.description).toBe(result.body.error_description);
    expect(result.body.error_description).toMatch(reason);
  };

  beforeAll(async () => {
    sandbox = await startGenesysCloudSandbox({ port: 0 });
    const token = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: {
        authorization: basic(bootstrap.id, bootstrap.secret),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    adminToken = String(((await token.json()) as { access_token?: string }).access_token);
    const created = await api("POST", "/api/v2/oauth/clients", {
      name: "Workspace Desktop Edition SAML",
      authorizedGrantType: "SAML2-BEARER",
      registeredRedirectUri: ["https://apps.mypurecloud.ie"],
      scope: [],
    });
    samlClient = { id: String(created.id), secret: String(created.secret) };
    material = await generateKeyMaterial();
    await putIdentityProvider(material.certificatePem, true);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("accepts an assertion signed with the key as the transaction object stores it, and the token works", async () => {
    // What an on-premises component does: saml/certificate, saml/pkey and saml/password from the transaction object.
    const password = generatePassword();
    const options = transactionSamlOptions(buildArtifacts(material, password));
    const fromTransaction = importKeyMaterial({ certificate: options.certificate, key: options.pkey, password });

    const accepted = await exchange(assertionFor("agent.one", {}, fromTransaction));
    expect(accepted.status).toBe(200);
    expect(accepted.body.token_type).toMatch(/^bearer$/i);
    expect(typeof accepted.body.access_token).toBe("string");

    const me = await fetch(`${sandbox.url}/api/v2/organizations/me`, {
      headers: { authorization: `Bearer ${String(accepted.body.access_token)}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { thirdPartyOrgName?: string }).thirdPartyOrgName).toBe(orgName);
  });

  it("refuses an assertion whose Issuer differs from the identity provider's issuerURI", async () => {
    expectRefusal(await exchange(assertionFor("agent.two", { issuer: `${ISSUER}/other` })), /Issuer/);
  });

  it("refuses an assertion changed after signing", async () => {
    const signed = Buffer.from(assertionFor("agent.three"), "base64").toString("utf8");
    const tampered = signed.replace(`agent.three@${orgName}.com`, `admin@${orgName}.com`);
    expect(tampered).not.toBe(signed);
    expectRefusal(await exchange(Buffer.from(tampered).toString("base64")), /signature/);
  });

  it("refuses an assertion signed with a key other than the identity provider certificate's", async () => {
    const stranger = await generateKeyMaterial();
    expectRefusal(await exchange(assertionFor("agent.four", {}, stranger)), /signature/);
  });

  it("refuses an expired assertion", async () => {
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    expectRefusal(await exchange(assertionFor("agent.five", { now: twoHoursAgo, lifetimeSeconds: 300 })), /expired/);
  });

  it("refuses a new user while auto-provisioning is off, and accepts once it is on again", async () => {
    await putIdentityProvider(material.certificatePem, false);
    try {
      expectRefusal(await exchange(assertionFor("agent.six")), /autoProvisionUsers/);
    } finally {
      await putIdentityProvider(material.certificatePem, true);
    }
    expect((await exchange(assertionFor("agent.six"))).status).toBe(200);
  });
});
