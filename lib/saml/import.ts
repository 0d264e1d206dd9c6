import { SamlInputError } from "./errors";
import type { SamlKeyMaterial } from "./generate";
import { parseCertificate } from "./certificate";
import { assertStrongRsaKey, keyMatchesCertificate, readPrivateKey, toPkcs8Pem } from "./private-key";

/** Tolerated clock difference for a certificate made on another machine just now. */
const NOT_BEFORE_SKEW_MS = 5 * 60_000;

interface ImportKeyMaterialInput {
  /** PEM, base64 of the PEM file, or the bare base64 body. */
  certificate: string;
  /** PEM (plain or encrypted) or base64 of the PEM file. */
  key: string;
  /** Required when the key is encrypted. */
  password?: string;
  now?: Date;
}

/**
 * Takes an existing certificate and key instead of generating them. Refuses garbage, an expired or not yet
 * valid certificate, a wrong password, a non-RSA or short key, and a key that does not match the certificate.
 */
export function importKeyMaterial(input: ImportKeyMaterialInput): SamlKeyMaterial {
  const { pem: certificatePem, certificate } = parseCertificate(input.certificate);
  const now = input.now ?? new Date();
  const { notBefore, notAfter } = certificate.validity;
  if (notAfter.getTime() <= now.getTime()) {
    throw new SamlInputError("certificate", `expired on ${notAfter.toISOString()}; a current certificate is required`);
  }
  if (notBefore.getTime() > now.getTime() + NOT_BEFORE_SKEW_MS) {
    throw new SamlInputError("certificate", `is not valid until ${notBefore.toISOString()}`);
  }
  const key = readPrivateKey(input.key, input.password);
  assertStrongRsaKey(key);
  if (!keyMatchesCertificate(key, certificatePem)) {
    throw new SamlInputError("key", "does not match the certificate (their public keys differ)");
  }
  return { certificatePem, privateKeyPem: toPkcs8Pem(key) };
}
