import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "../index";
import { assertionXml, makeCertificate, signAssertion } from "../saml-test-fixture";
import { ACME, api, postToken, tokenFor, withSandbox } from "../test-support";

const PUREENGAGE = "/api/v2/identityproviders/pureengage";
const ISSUER = "https://gws.acme.example.test/saml";
const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");

describe("PUT /api/v2/identityproviders/pureengage: certificate and certificates", () => {
  let sandbox: RunningGenesysSandbox;
  let admin: string;
  const old = makeCertificate("old.example.test");
  const next = makeCertificate("next.example.test");

  const put = async (fields: Record<string, unknown>) => {
    const answer = await api(sandbox.url, admin, "PUT", PUREENGAGE, { name: "PureEngage", issuerURI: ISSUER, autoProvisionUsers: true, ...fields });
    expect(answer.status).toBe(200);
  };
  const stored = async () => (await api(sandbox.url, admin, "GET", PUREENGAGE)).body as { certificate: string; certificates: string[] };
  /** Whether the SAML2 bearer grant accepts an assertion signed with this key. */
  async function trusts(key: { privateKeyPem: string }): Promise<boolean> {
    const created = await api(sandbox.url, admin, "POST", "/api/v2/oauth/clients", { name: `SAML ${Math.random()}`, authorizedGrantType: "SAML2-BEARER" });
    const assertion = signAssertion(assertionXml({ issuer: ISSUER, nameId: "alex.agent@acme-eu.example.com" }), key.privateKeyPem);
    const form = { grant_type: "urn:ietf:params:oauth:grant-type:saml2-bearer", orgName: "acme-eu", assertion: Buffer.from(assertion).toString("base64") };
    return (await postToken(sandbox.url, created.body.id as string, created.body.secret as string, form)).status === 200;
  }

  beforeAll(async () => {
    sandbox = await withSandbox({ controlEndpoints: true });
  });
  beforeEach(async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    admin = await tokenFor(sandbox.url, ACME);
  });
  afterAll(() => sandbox.close());

  it("keeps the stored certificates list when only certificate is sent: the old certificate stays trusted", async () => {
    await put({ certificates: [old.certificatePem, next.certificatePem] });
    await put({ certificate: next.certificatePem });
    expect(await stored()).toEqual(expect.objectContaining({ certificate: bare(next.certificatePem), certificates: [bare(old.certificatePem), bare(next.certificatePem)] }));
    expect(await trusts(old)).toBe(true);
  });

  it("keeps the stored certificate when only certificates is sent", async () => {
    await put({ certificate: old.certificatePem });
    expect(await stored()).toEqual(expect.objectContaining({ certificate: bare(old.certificatePem), certificates: [bare(old.certificatePem)] }));
    await put({ certificates: [next.certificatePem] });
    expect(await stored()).toEqual(expect.objectContaining({ certificate: bare(old.certificatePem), certificates: [bare(next.certificatePem)] }));
    expect(await trusts(old)).toBe(true);
  });

  it("trusts exactly what a PUT with both fields names", async () => {
    await put({ certificate: old.certificatePem, certificates: [old.certificatePem, next.certificatePem] });
    await put({ certificate: next.certificatePem, certificates: [next.certificatePem] });
    expect(await stored()).toEqual(expect.objectContaining({ certificate: bare(next.certificatePem), certificates: [bare(next.certificatePem)] }));
    expect(await trusts(old)).toBe(false);
    expect(await trusts(next)).toBe(true);
  });
});
