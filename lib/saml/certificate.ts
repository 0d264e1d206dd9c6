import { createHash } from "node:crypto";
import forge from "node-forge";
import { SamlInputError } from "./errors";
import { derToPem, firstPemBlock, pemFromText } from "./pem";

interface ParsedCertificate {
  /** PEM as OpenSSL writes it (LF, 64-character lines). */
  pem: string;
  der: Buffer;
  certificate: forge.pki.Certificate;
}

const CERTIFICATE_TYPES = new Set(["CERTIFICATE", "X509 CERTIFICATE"]);
const BARE_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads a certificate given as PEM, as base64 of a PEM file (cert.pem.b64, the saml/certificate option),
 * or as the bare base64 body (the identity provider's certificate value).
 */
export function parseCertificate(text: string, field = "certificate"): ParsedCertificate {
  const der = certificateDer(text, field);
  let certificate: forge.pki.Certificate;
  try {
    certificate = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.toString("binary"))));
  } catch (error) {
    if (error instanceof Error && /not RSA/i.test(error.message)) {
      throw new SamlInputError(field, "the certificate's public key is not RSA; an RSA certificate is required");
    }
    throw new SamlInputError(field, "is not a readable X.509 certificate");
  }
  return { pem: derToPem("CERTIFICATE", der), der, certificate };
}

function certificateDer(text: string, field: string): Buffer {
  const pem = pemFromText(text);
  if (pem !== undefined) {
    const block = firstPemBlock(pem);
    if (!block) throw new SamlInputError(field, "has a BEGIN line but no complete PEM block");
    if (!CERTIFICATE_TYPES.has(block.type)) {
      throw new SamlInputError(field, `holds a PEM "${block.type}" block; a "CERTIFICATE" block is required`);
    }
    return block.body;
  }
  const compact = text.replace(/\s+/g, "");
  if (BARE_BASE64.test(compact)) return Buffer.from(compact, "base64");
  throw new SamlInputError(field, "is neither a PEM certificate nor base64 certificate text");
}

/** Colon-separated upper-case hex, as `openssl x509 -fingerprint` prints it. */
export function fingerprint(der: Buffer, algorithm: "sha1" | "sha256"): string {
  return (createHash(algorithm).update(der).digest("hex").toUpperCase().match(/../g) ?? []).join(":");
}

/** The identity provider's certificate value: the PEM body without armour and without line breaks. */
export function identityProviderCertificate(certificate: string): string {
  return parseCertificate(certificate).der.toString("base64");
}
