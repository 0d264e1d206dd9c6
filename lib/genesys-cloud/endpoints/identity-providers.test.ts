import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { makeCertificate } from "@/sandbox/genesys-cloud/saml-test-fixture";
import { auditorClient, clientFor, failureOf, resetSandbox, startSandbox } from "../test-support";
import { providerCertificates, sameCertificate } from "./identity-providers";

describe("PureEngage identity provider endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  const { certificatePem } = makeCertificate();
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => resetSandbox(sandbox));
  afterAll(() => sandbox.close());

  it("reads null when there is none, creates with a short answer, reads the full shape, lists and deletes", async () => {
    const gc = clientFor(sandbox);
    expect(await gc.getPureEngageProvider()).toBeNull();
    const put = await gc.putPureEngageProvider({
      name: "PureEngage",
      issuerURI: "https://gws.example.test",
      ssoTargetURI: "https://gws.example.test/sso",
      certificate: certificatePem,
      autoProvisionUsers: true,
    });
    expect(put).toEqual({
      id: expect.any(String),
      name: "PureEngage",
      disabled: false,
      selfUri: "/api/v2/identityproviders/pureengage",
    });
    const got = await gc.getPureEngageProvider();
    expect(got).toMatchObject({
      id: put.id,
      issuerURI: "https://gws.example.test",
      ssoTargetURI: "https://gws.example.test/sso",
      autoProvisionUsers: true,
      signAuthnRequests: false,
    });
    expect(sameCertificate(got!.certificate!, certificatePem)).toBe(true);
    expect(got!.certificates).toEqual([got!.certificate]);
    expect((await gc.listIdentityProviders()).map((p) => p.issuerURI)).toEqual(["https://gws.example.test"]);

    const again = await gc.putPureEngageProvider({
      issuerURI: "https://gws2.example.test",
      certificate: certificatePem,
    });
    expect(again.id).toBe(put.id);
    await gc.deletePureEngageProvider();
    expect(await gc.getPureEngageProvider()).toBeNull();
    expect(await failureOf(gc.deletePureEngageProvider())).toMatchObject({ status: 404, code: "not.found" });
  });

  it("stores several certificates bare, the first as certificate; a PUT replaces the fields it sends", async () => {
    const gc = clientFor(sandbox);
    const next = makeCertificate("next.example.test").certificatePem;
    const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");
    await gc.putPureEngageProvider({
      issuerURI: "https://gws.example.test",
      certificates: [certificatePem, `\n${next}\n`, certificatePem],
    });
    const both = await gc.getPureEngageProvider();
    expect(both!.certificates).toEqual([bare(certificatePem), bare(next)]);
    expect(both!.certificate).toBe(bare(certificatePem));
    expect(providerCertificates(both!)).toEqual([bare(certificatePem), bare(next)]);

    // Only certificate sent: the stored list stays, so the provider still trusts both; reading both fields shows it.
    await gc.putPureEngageProvider({ issuerURI: "https://gws.example.test", certificate: next });
    const kept = await gc.getPureEngageProvider();
    expect(kept).toMatchObject({ certificate: bare(next), certificates: [bare(certificatePem), bare(next)] });
    expect(providerCertificates(kept!)).toEqual([bare(next), bare(certificatePem)]);

    await gc.putPureEngageProvider({ issuerURI: "https://gws.example.test", certificate: next, certificates: [next] });
    const one = await gc.getPureEngageProvider();
    expect(one).toMatchObject({ certificate: bare(next), certificates: [bare(next)] });
    expect(providerCertificates({ id: "x", issuerURI: "x", certificate: "only" })).toEqual(["only"]);
    const twice = { id: "x", issuerURI: "x", certificate: "a", certificates: [" a", "b"] };
    expect(providerCertificates(twice)).toEqual(["a", "b"]);
  });

  it("validates the issuer and the certificate naming the field", async () => {
    const gc = clientFor(sandbox);
    expect(await failureOf(gc.putPureEngageProvider({ certificate: certificatePem } as never))).toMatchObject({
      status: 400,
      code: "bad.request",
      messageParams: { field: "issuerURI" },
    });
    expect(
      await failureOf(gc.putPureEngageProvider({ issuerURI: "x", certificate: "not a certificate" })),
    ).toMatchObject({ status: 400, code: "invalid.value", messageParams: { field: "certificate" } });
    expect(await failureOf(gc.putPureEngageProvider({ issuerURI: "x" }))).toMatchObject({
      code: "invalid.value",
      messageParams: { field: "certificate" },
    });
    expect(
      await failureOf(gc.putPureEngageProvider({ issuerURI: "x", certificates: [certificatePem, "junk"] })),
    ).toMatchObject({ code: "invalid.value", messageParams: { field: "certificates[1]" } });
  });

  it("needs sso:provider:add to create it", async () => {
    const error = await failureOf(
      auditorClient(sandbox).putPureEngageProvider({ issuerURI: "x", certificate: certificatePem }),
    );
    expect(error).toMatchObject({
      status: 403,
      code: "missing.permissions",
      messageParams: { permissions: "[sso:provider:add]" },
    });
  });

  it("compares certificates without armour and whitespace", () => {
    const bare = certificatePem.replace(/-----[A-Z ]+-----|\s/g, "");
    expect(sameCertificate(bare, certificatePem)).toBe(true);
    expect(sameCertificate(bare, makeCertificate().certificatePem)).toBe(false);
  });
});
