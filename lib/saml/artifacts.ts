import type { SamlKeyMaterial } from "./generate";
import { base64Lines, base64SingleLine } from "./pem";
import { encryptPrivateKey, type KeyEncryptionFormat } from "./private-key";

/** The files of the manual procedure, by their file names. */
export interface SamlArtifacts {
  "cert.pem": string;
  /** Unencrypted; keep it off shared storage. */
  "key.pem": string;
  /** `openssl base64 -in cert.pem`. */
  "cert.pem.b64": string;
  /** `openssl rsa -in key.pem -out key.pem.enc -aes256` (or PKCS#8 when asked). */
  "key.pem.enc": string;
  /** `openssl base64 -in key.pem.enc`. */
  "key.pem.enc.b64": string;
}

export const ARTIFACT_FILE_NAMES = ["cert.pem", "key.pem", "cert.pem.b64", "key.pem.enc", "key.pem.enc.b64"] as const;
/** Files that hold the private key, in any form: written with mode 0600. */
export const SECRET_ARTIFACT_FILE_NAMES: ReadonlySet<string> = new Set(["key.pem", "key.pem.enc", "key.pem.enc.b64"]);

export function buildArtifacts(
  material: SamlKeyMaterial,
  password: string,
  format: KeyEncryptionFormat = "traditional",
): SamlArtifacts {
  const encryptedKey = encryptPrivateKey(material.privateKeyPem, password, format);
  return {
    "cert.pem": material.certificatePem,
    "key.pem": material.privateKeyPem,
    "cert.pem.b64": base64Lines(material.certificatePem),
    "key.pem.enc": encryptedKey,
    "key.pem.enc.b64": base64Lines(encryptedKey),
  };
}

/** Values for the transaction object's `saml` section (the password goes in `saml/password` separately). */
interface TransactionSamlOptions {
  /** Single-line base64 of cert.pem. */
  certificate: string;
  /** Single-line base64 of key.pem.enc. */
  pkey: string;
}

export function transactionSamlOptions(
  artifacts: Pick<SamlArtifacts, "cert.pem" | "key.pem.enc">,
): TransactionSamlOptions {
  return {
    certificate: base64SingleLine(artifacts["cert.pem"]),
    pkey: base64SingleLine(artifacts["key.pem.enc"]),
  };
}
