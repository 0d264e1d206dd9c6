// Test-only: a throwaway key pair, certificate and signed assertions for the SAML2 bearer grant.
import forge from "node-forge";
import { SignedXml } from "xml-crypto";

export function makeCertificate(commonName = "gws.example.test") {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const attrs = [{ name: "commonName", value: commonName }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    privateKeyPem: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

interface AssertionFields {
  id?: string;
  issuer: string;
  nameId: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
}

export function assertionXml(f: AssertionFields): string {
  const id = f.id ?? `_a${Math.random().toString(16).slice(2)}`;
  const notBefore = (f.notBefore ?? new Date(Date.now() - 30_000)).toISOString();
  const notOnOrAfter = (f.notOnOrAfter ?? new Date(Date.now() + 300_000)).toISOString();
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}">` +
    `<saml:Issuer>${f.issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${f.nameId}</saml:NameID></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"/>` +
    `</saml:Assertion>`
  );
}

export function signAssertion(xml: string, privateKeyPem: string): string {
  const sig = new SignedXml({
    privateKey: privateKeyPem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  sig.addReference({
    xpath: "/*[local-name()='Assertion']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  sig.computeSignature(xml, {
    location: { reference: "/*[local-name()='Assertion']/*[local-name()='Issuer']", action: "after" },
  });
  return sig.getSignedXml();
}
