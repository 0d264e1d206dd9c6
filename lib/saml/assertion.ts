import { randomUUID } from "node:crypto";
import { DOMImplementation, XMLSerializer, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { z } from "zod";
import { parseOrThrow } from "./errors";
import type { SamlKeyMaterial } from "./generate";

export const SAML_ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const EMAIL_NAME_ID_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
const BEARER_METHOD = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const PASSWORD_PROTECTED_TRANSPORT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
const DEFAULT_ASSERTION_LIFETIME_SECONDS = 300;

const uri = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, "must be an absolute URI such as https://www.genesys.com/pureengage");

export const assertionOptionsSchema = z.object({
  /** The transaction object's saml/issuer; must equal the identity provider's issuerURI exactly. */
  issuer: uri,
  /** NameID: the agent's email (see samlNameId). */
  subject: z.email("must be an email address"),
  /** Optional AudienceRestriction, e.g. the token endpoint URL. */
  audience: uri.optional(),
  /** Optional SubjectConfirmationData Recipient, e.g. the token endpoint URL. */
  recipient: uri.optional(),
  lifetimeSeconds: z
    .number()
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 second")
    .max(86_400, "must be at most 86400 seconds (one day)")
    .default(DEFAULT_ASSERTION_LIFETIME_SECONDS),
  now: z.date().optional(),
});

export type AssertionOptions = z.input<typeof assertionOptionsSchema>;

interface SignedAssertion {
  id: string;
  xml: string;
  /** Single-line base64 of the XML: the `assertion` form field of the SAML2 bearer grant. */
  base64: string;
  notBefore: Date;
  notOnOrAfter: Date;
}

/**
 * A SAML 2.0 assertion as an on-premises component builds it for the SAML2 bearer grant, signed with an
 * enveloped XML signature (RSA-SHA256, SHA-256 digest, exclusive canonicalisation) placed after the Issuer.
 */
export function signAssertion(material: SamlKeyMaterial, options: AssertionOptions): SignedAssertion {
  const { issuer, subject, audience, recipient, lifetimeSeconds, now } = parseOrThrow(assertionOptionsSchema, options);
  const issueInstant = new Date(Math.floor((now ?? new Date()).getTime() / 1000) * 1000);
  const notOnOrAfter = new Date(issueInstant.getTime() + lifetimeSeconds * 1000);
  const id = `_${randomUUID()}`;

  const document = new DOMImplementation().createDocument(SAML_ASSERTION_NS, "saml:Assertion", null);
  const add = (
    parent: Element,
    name: string,
    { attributes = {}, text }: { attributes?: Record<string, string>; text?: string } = {},
  ): Element => {
    const element = document.createElementNS(SAML_ASSERTION_NS, `saml:${name}`);
    for (const [attribute, value] of Object.entries(attributes)) element.setAttribute(attribute, value);
    if (text !== undefined) element.appendChild(document.createTextNode(text));
    parent.appendChild(element);
    return element;
  };
  const assertion = document.documentElement;
  if (!assertion) throw new Error("could not create the assertion document");
  assertion.setAttribute("ID", id);
  assertion.setAttribute("Version", "2.0");
  assertion.setAttribute("IssueInstant", xsDateTime(issueInstant));
  add(assertion, "Issuer", { text: issuer });

  const subjectElement = add(assertion, "Subject");
  add(subjectElement, "NameID", { attributes: { Format: EMAIL_NAME_ID_FORMAT }, text: subject });
  const confirmation = add(subjectElement, "SubjectConfirmation", { attributes: { Method: BEARER_METHOD } });
  add(confirmation, "SubjectConfirmationData", {
    attributes: {
      NotOnOrAfter: xsDateTime(notOnOrAfter),
      ...(recipient ? { Recipient: recipient } : {}),
    },
  });

  const conditions = add(assertion, "Conditions", {
    attributes: {
      NotBefore: xsDateTime(issueInstant),
      NotOnOrAfter: xsDateTime(notOnOrAfter),
    },
  });
  if (audience) add(add(conditions, "AudienceRestriction"), "Audience", { text: audience });

  const authn = add(assertion, "AuthnStatement", {
    attributes: { AuthnInstant: xsDateTime(issueInstant), SessionIndex: id },
  });
  add(add(authn, "AuthnContext"), "AuthnContextClassRef", { text: PASSWORD_PROTECTED_TRANSPORT });

  const signer = new SignedXml({
    privateKey: material.privateKeyPem,
    publicCert: material.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signer.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signer.computeSignature(new XMLSerializer().serializeToString(document), {
    prefix: "ds",
    location: { reference: "/*/*[local-name(.)='Issuer']", action: "after" },
  });
  const xml = signer.getSignedXml();
  return { id, xml, base64: Buffer.from(xml, "utf8").toString("base64"), notBefore: issueInstant, notOnOrAfter };
}

/** xs:dateTime in UTC without fractional seconds, the form SAML implementations expect. */
function xsDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
