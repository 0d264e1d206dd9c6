import type { CertificateDetails } from "@/lib/saml/details";

/** Certificate details as aligned "Label: value" lines. */
export function certificateSummary(details: CertificateDetails): string {
  const expiry = details.expired
    ? `${details.notAfter.toISOString()} (EXPIRED ${-details.daysToExpiry} days ago)`
    : `${details.notAfter.toISOString()} (in ${details.daysToExpiry} days)`;
  const rows: Array<[string, string]> = [
    ["Subject", details.subject],
    ["Issuer", details.issuer],
    ["Serial", details.serialNumber],
    ["Not before", details.notBefore.toISOString()],
    ["Not after", expiry],
    ["Key size", `RSA ${details.keyBits} bits`],
    ["SHA-1 fingerprint", details.sha1Fingerprint],
    ["SHA-256 fingerprint", details.sha256Fingerprint],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}\n`).join("");
}

export function certificateDetailsJson(details: CertificateDetails): string {
  return `${JSON.stringify(details, null, 2)}\n`;
}
