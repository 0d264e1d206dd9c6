// Reads and verifies a signed SAML 2.0 assertion (enveloped RSA-SHA256 signature, exclusive c14n).
// Every value is read from the XML that the signature covers, so a wrapped or injected element is never trusted.
import { DOMParser, onErrorStopParsing, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

const SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

export class AssertionRefused extends Error {}

export interface VerifiedAssertion {
  id: string;
  issuer: string;
  nameId: string;
  notBefore?: Date;
  notOnOrAfter?: Date;
  subjectNotOnOrAfter?: Date;
}

/** Strips PEM armour and whitespace: the form the API stores certificates in. */
export function bareCertificate(certificate: string): string {
  return certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

function armoured(certificate: string): string {
  const body =
    bareCertificate(certificate)
      .match(/.{1,64}/g)
      ?.join("\n") ?? "";
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

function parse(xml: string): Element {
  let doc;
  try {
    doc = new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, "text/xml");
  } catch (error) {
    throw new AssertionRefused(
      `assertion is not well-formed XML (${error instanceof Error ? error.message.split("\n")[0] : "parse error"})`,
    );
  }
  if (doc.doctype) throw new AssertionRefused("assertion must not contain a DOCTYPE");
  const root = doc.documentElement;
  if (!root) throw new AssertionRefused("assertion is empty");
  return root;
}

function children(parent: Element, ns: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === ns && (node as Element).localName === localName)
      found.push(node as Element);
  }
  return found;
}

function only(parent: Element, { ns, localName, what }: { ns: string; localName: string; what: string }): Element {
  const found = children(parent, ns, localName);
  if (found.length !== 1) throw new AssertionRefused(`assertion must hold exactly one ${what} (found ${found.length})`);
  return found[0]!;
}

function time(element: Element | undefined, attribute: string): Date | undefined {
  const raw = element?.getAttribute(attribute);
  if (!raw) return undefined;
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw new AssertionRefused(`${attribute} "${raw}" is not a valid date-time`);
  return at;
}

function checkSignatureShape(signature: Element, assertionId: string): void {
  const signedInfo = only(signature, { ns: DSIG_NS, localName: "SignedInfo", what: "SignedInfo" });
  const method = only(signedInfo, { ns: DSIG_NS, localName: "SignatureMethod", what: "SignatureMethod" }).getAttribute(
    "Algorithm",
  );
  if (method !== RSA_SHA256)
    throw new AssertionRefused(`signature method must be RSA-SHA256 (got ${method ?? "none"})`);
  const c14n = only(signedInfo, {
    ns: DSIG_NS,
    localName: "CanonicalizationMethod",
    what: "CanonicalizationMethod",
  }).getAttribute("Algorithm");
  if (c14n !== EXC_C14N) throw new AssertionRefused(`canonicalization must be exclusive c14n (got ${c14n ?? "none"})`);
  const reference = only(signedInfo, { ns: DSIG_NS, localName: "Reference", what: "signature Reference" });
  if (reference.getAttribute("URI") !== `#${assertionId}`)
    throw new AssertionRefused("the signature does not reference the assertion");
  const transforms = children(reference, DSIG_NS, "Transforms").flatMap((t) => children(t, DSIG_NS, "Transform"));
  if (!transforms.some((t) => t.getAttribute("Algorithm") === ENVELOPED))
    throw new AssertionRefused("the signature must be an enveloped signature");
}

/** The first verifier whose certificate validates the signature, or the reason none did. */
function verifiedBy(xml: string, signature: Element, certificates: string[]): SignedXml {
  let detail = "";
  for (const certificate of certificates) {
    const verifier = new SignedXml({ publicCert: armoured(certificate) });
    verifier.loadSignature(signature as unknown as Node);
    try {
      if (verifier.checkSignature(xml)) return verifier;
    } catch (error) {
      detail = ` (${error instanceof Error ? error.message.split("\n")[0] : "unknown error"})`;
    }
  }
  const which =
    certificates.length > 1
      ? `any of the identity provider's ${certificates.length} certificates`
      : "the identity provider's certificate";
  throw new AssertionRefused(`the signature does not verify against ${which}${detail}`);
}

/**
 * Verifies the signature against the provider's certificates (any one may sign: during a certificate rotation the
 * provider trusts the old and the new) and returns the signed assertion's fields.
 */
export function verifyAssertion(xml: string, certificates: string | string[]): VerifiedAssertion {
  const root = parse(xml);
  if (root.namespaceURI !== SAML_NS || root.localName !== "Assertion")
    throw new AssertionRefused("the document root must be a SAML 2.0 Assertion");
  if (root.getElementsByTagNameNS(SAML_NS, "Assertion").length > 0)
    throw new AssertionRefused("nested assertions are not accepted");
  if (root.getElementsByTagNameNS(DSIG_NS, "Signature").length !== 1)
    throw new AssertionRefused("the assertion must carry exactly one signature");
  const id = root.getAttribute("ID");
  if (!id) throw new AssertionRefused("the assertion has no ID attribute");
  const signature = only(root, { ns: DSIG_NS, localName: "Signature", what: "enveloped Signature" });
  checkSignatureShape(signature, id);

  const verifier = verifiedBy(xml, signature, typeof certificates === "string" ? [certificates] : certificates);
  const signedXml = verifier.getSignedReferences();
  if (signedXml.length !== 1) throw new AssertionRefused("the signature must cover exactly the assertion");
  const signed = parse(signedXml[0]!);
  if (signed.namespaceURI !== SAML_NS || signed.localName !== "Assertion" || signed.getAttribute("ID") !== id) {
    throw new AssertionRefused("the signed element is not the assertion that was presented");
  }

  const subject = only(signed, { ns: SAML_NS, localName: "Subject", what: "Subject" });
  const conditions = children(signed, SAML_NS, "Conditions")[0];
  const confirmationData = children(subject, SAML_NS, "SubjectConfirmation").flatMap((c) =>
    children(c, SAML_NS, "SubjectConfirmationData"),
  )[0];
  return {
    id,
    issuer: only(signed, { ns: SAML_NS, localName: "Issuer", what: "Issuer" }).textContent?.trim() ?? "",
    nameId: only(subject, { ns: SAML_NS, localName: "NameID", what: "Subject NameID" }).textContent?.trim() ?? "",
    notBefore: time(conditions, "NotBefore"),
    notOnOrAfter: time(conditions, "NotOnOrAfter"),
    subjectNotOnOrAfter: time(confirmationData, "NotOnOrAfter"),
  };
}
