import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { SAML_ASSERTION_NS, signAssertion } from "./assertion";
import { generateKeyMaterial, type SamlKeyMaterial } from "./generate";

const ISSUER = "https://www.genesys.com/pureengage";
const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

/** Verifies as a relying party must: only against the trusted certificate, never the one in KeyInfo. */
function verifiedAssertion(xml: string, certificatePem: string): string | undefined {
  const document = new DOMParser().parseFromString(xml, "text/xml");
  const signature = document.getElementsByTagNameNS(DSIG_NS, "Signature")[0];
  if (!signature) return undefined;
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  verifier.loadSignature(signature.toString());
  try {
    return verifier.checkSignature(xml) ? verifier.getSignedReferences()[0] : undefined;
  } catch {
    return undefined;
  }
}

function element(xml: string, localName: string) {
  const found = new DOMParser()
    .parseFromString(xml, "text/xml")
    .getElementsByTagNameNS(SAML_ASSERTION_NS, localName)[0];
  if (!found) throw new Error(`no saml:${localName}`);
  return found;
}

describe("signAssertion", () => {
  let material: SamlKeyMaterial;
  beforeAll(async () => {
    material = await generateKeyMaterial();
  });

  it("builds an assertion with Issuer, email NameID, Conditions and an AuthnStatement", () => {
    const now = new Date("2030-05-01T10:00:00.250Z");
    const signed = signAssertion(material, {
      issuer: ISSUER,
      subject: "agent@acme.com",
      audience: "https://login.mypurecloud.com/oauth/token",
      lifetimeSeconds: 600,
      now,
    });
    const root = new DOMParser().parseFromString(signed.xml, "text/xml").documentElement;
    expect(root?.localName).toBe("Assertion");
    expect(root?.namespaceURI).toBe(SAML_ASSERTION_NS);
    expect(root?.getAttribute("Version")).toBe("2.0");
    expect(root?.getAttribute("ID")).toBe(signed.id);
    expect(root?.getAttribute("IssueInstant")).toBe("2030-05-01T10:00:00Z");
    expect(element(signed.xml, "Issuer").textContent).toBe(ISSUER);
    const nameId = element(signed.xml, "NameID");
    expect(nameId.textContent).toBe("agent@acme.com");
    expect(nameId.getAttribute("Format")).toBe("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    expect(element(signed.xml, "SubjectConfirmation").getAttribute("Method")).toBe(
      "urn:oasis:names:tc:SAML:2.0:cm:bearer",
    );
    const conditions = element(signed.xml, "Conditions");
    expect(conditions.getAttribute("NotBefore")).toBe("2030-05-01T10:00:00Z");
    expect(conditions.getAttribute("NotOnOrAfter")).toBe("2030-05-01T10:10:00Z");
    expect(element(signed.xml, "Audience").textContent).toBe("https://login.mypurecloud.com/oauth/token");
    expect(element(signed.xml, "AuthnStatement").getAttribute("AuthnInstant")).toBe("2030-05-01T10:00:00Z");
    expect(signed.notOnOrAfter.toISOString()).toBe("2030-05-01T10:10:00.000Z");
    expect(Buffer.from(signed.base64, "base64").toString("utf8")).toBe(signed.xml);
    expect(signed.base64).not.toMatch(/\s/);
  });

  it("signs it with an enveloped RSA-SHA256 signature, exclusive c14n, placed right after the Issuer", () => {
    const signed = signAssertion(material, { issuer: ISSUER, subject: "agent@acme.com" });
    const root = new DOMParser().parseFromString(signed.xml, "text/xml").documentElement;
    const children = Array.from(root?.childNodes ?? []).filter((node) => node.nodeType === 1);
    expect(children.map((node) => (node as { localName?: string }).localName)).toEqual([
      "Issuer",
      "Signature",
      "Subject",
      "Conditions",
      "AuthnStatement",
    ]);
    expect(signed.xml).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(signed.xml).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>');
    expect(signed.xml).toContain('<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>');
    expect(signed.xml).toContain(`<ds:Reference URI="#${signed.id}">`);
    const signedContent = verifiedAssertion(signed.xml, material.certificatePem);
    expect(signedContent).toContain("<saml:NameID");
    expect(signedContent).toContain("agent@acme.com");
  });

  it("does not verify against another certificate or once changed", async () => {
    const signed = signAssertion(material, { issuer: ISSUER, subject: "agent@acme.com" });
    const stranger = await generateKeyMaterial();
    expect(verifiedAssertion(signed.xml, stranger.certificatePem)).toBeUndefined();
    expect(
      verifiedAssertion(signed.xml.replace("agent@acme.com", "admin@acme.com"), material.certificatePem),
    ).toBeUndefined();
  });

  it("escapes XML in values rather than letting them change the structure", () => {
    const signed = signAssertion(material, { issuer: "urn:acme:<idp>&co", subject: "agent@acme.com" });
    expect(element(signed.xml, "Issuer").textContent).toBe("urn:acme:<idp>&co");
    expect(verifiedAssertion(signed.xml, material.certificatePem)).toBeDefined();
  });

  it("refuses bad options, naming the field", () => {
    expect(() => signAssertion(material, { issuer: "pureengage", subject: "agent@acme.com" })).toThrow(
      "issuer: must be an absolute URI",
    );
    expect(() => signAssertion(material, { issuer: ISSUER, subject: "agent007" })).toThrow(
      "subject: must be an email address",
    );
    expect(() => signAssertion(material, { issuer: ISSUER, subject: "a@b.com", lifetimeSeconds: 0 })).toThrow(
      "lifetimeSeconds: must be at least 1 second",
    );
  });
});
