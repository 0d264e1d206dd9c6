import type forge from "node-forge";
import { fingerprint, parseCertificate } from "./certificate";

export interface CertificateDetails {
  /** Distinguished name as `CN=..., O=...`, in certificate order. */
  subject: string;
  issuer: string;
  /** Upper-case hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Whole days from now to notAfter; negative once expired. */
  daysToExpiry: number;
  expired: boolean;
  /** Colon-separated upper-case hex, as `openssl x509 -fingerprint` prints it. */
  sha1Fingerprint: string;
  sha256Fingerprint: string;
  keyBits: number;
}

/** What the UI and the CLI show about a certificate (PEM, base64 of PEM, or bare base64 body). */
export function certificateDetails(certificateText: string, now: Date = new Date()): CertificateDetails {
  const { der, certificate } = parseCertificate(certificateText);
  const { notBefore, notAfter } = certificate.validity;
  const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
  return {
    subject: distinguishedName(certificate.subject.attributes),
    issuer: distinguishedName(certificate.issuer.attributes),
    serialNumber: certificate.serialNumber.replace(/^(00)+(?=..)/, "").toUpperCase(),
    notBefore,
    notAfter,
    daysToExpiry: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
    expired: notAfter.getTime() <= now.getTime(),
    sha1Fingerprint: fingerprint(der, "sha1"),
    sha256Fingerprint: fingerprint(der, "sha256"),
    keyBits: publicKey.n.bitLength(),
  };
}

function distinguishedName(attributes: forge.pki.CertificateField[]): string {
  return attributes
    .map((attribute) => `${attribute.shortName ?? attribute.name ?? attribute.type}=${String(attribute.value)}`)
    .join(", ");
}
