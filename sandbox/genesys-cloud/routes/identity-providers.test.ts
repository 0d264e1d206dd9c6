import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "../index";
import { assertionXml, makeCertificate, signAssertion } from "../saml-test-fixture";
import { ACME, api, postToken, tokenFor, withSandbox } from "../test-support";

const PUREENGAGE = "/api/v2/identityproviders/pureengage";
const ISSUER = "https://gws.acme.example.test/saml";
const SAML2 = "urn:ietf:params:oauth:grant-type:saml2-bearer";
const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");
/** The two certificate fields a GET should answer. */
const fields = (certificate: { certificatePem: string }, certificates: { certificatePem: string }[]) => ({
  certificate: bare(certificate.certificatePem),
  certificates: certificates.map((entry) => bare(entry.certificatePem)),
});

describe("PUT /api/v2/identityproviders/pureengage: certificate and certificates", () => {
  let sandbox: RunningGenesysSandbox;
  let admin: string;
  const old = makeCertificate("old.example.test");
  const next = makeCertificate("next.example.test");

  const put = async (fields: Record<string, unknown>) => {
    const body = { name: "PureEngage", issuerURI: ISSUER, autoProvisionUsers: true, ...fields };
    expect((await api(sandbox.url, admin, { method: "PUT", path: PUREENGAGE, body })).status).toBe(200);
  };
  /** The two certificate fields as GET answers them. */
  const stored = async () => {
    const { certificate, certificates } = (await api(sandbox.url, admin, { method: "GET", path: PUREENGAGE })).body;
    return { certificate, certificates };
  };
  /** Whether the SAML2 bearer grant accepts an assertion signed with this key. */
  async function trusts(key: { privateKeyPem: string }): Promise<boolean> {
    const client = { name: `SAML ${Math.random()}`, authorizedGrantType: "SAML2-BEARER" };
    const created = (await api(sandbox.url, admin, { method: "POST", path: "/api/v2/oauth/clients", body: client }))
      .body;
    const xml = assertionXml({ issuer: ISSUER, nameId: "alex.agent@acme-eu.example.com" });
    const assertion = signAssertion(xml, key.privateKeyPem);
    const form = { grant_type: SAML2, orgName: "acme-eu", assertion: Buffer.from(assertion).toString("base64") };
    return (
      (await postToken(sandbox.url, { clientId: created.id as string, clientSecret: created.secret as string, form }))
        .status === 200
    );
  }

  beforeAll(async () => {
    sandbox = await withSandbox({ controlEndpoints: true });
  });
  beforeEach(async () => {
    await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
    admin = await tokenFor(sandbox.url, ACME);
  });
  afterAll(() => sandbox.close());

  it("keeps the stored certificates when only certificate is sent: the old certificate stays trusted", async () => {
    await put({ certificates: [old.certificatePem, next.certificatePem] });
    await put({ certificate: next.certificatePem });
    expect(await stored()).toEqual(fields(next, [old, next]));
    expect(await trusts(old)).toBe(true);
  });

  it("keeps the stored certificate when only certificates is sent", async () => {
    await put({ certificate: old.certificatePem });
    expect(await stored()).toEqual(fields(old, [old]));
    await put({ certificates: [next.certificatePem] });
    expect(await stored()).toEqual(fields(old, [next]));
    expect(await trusts(old)).toBe(true);
  });

  it("trusts exactly what a PUT with both fields names", async () => {
    await put({ certificate: old.certificatePem, certificates: [old.certificatePem, next.certificatePem] });
    await put({ certificate: next.certificatePem, certificates: [next.certificatePem] });
    expect(await stored()).toEqual(fields(next, [next]));
    expect(await trusts(old)).toBe(false);
    expect(await trusts(next)).toBe(true);
  });
});
