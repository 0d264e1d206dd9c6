import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { SamlInputError } from "./errors";
import { assertKeyPassword } from "./password";
import { firstPemBlock, pemFromText, withUnixLineEndings } from "./pem";

export type KeyEncryptionFormat = "traditional" | "pkcs8";
/** PBKDF2-HMAC-SHA256 rounds for PKCS#8; OpenSSL 3 uses 2048, which is low for a key kept in configuration. */
const PKCS8_PBKDF2_ITERATIONS = 100_000;
const MIN_RSA_BITS = 2048;

/**
 * Encrypts a PEM private key with AES-256-CBC under the password.
 * - traditional: `BEGIN RSA PRIVATE KEY` with `Proc-Type: 4,ENCRYPTED` and `DEK-Info: AES-256-CBC,<iv>`,
 *   what `openssl rsa -aes256` wrote for years and what older components read.
 * - pkcs8: `BEGIN ENCRYPTED PRIVATE KEY`, PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.
 */
export function encryptPrivateKey(
  privateKeyPem: string,
  password: string,
  format: KeyEncryptionFormat = "traditional",
): string {
  assertKeyPassword(password);
  if (format === "traditional") {
    // OpenSSL's own PEM writer (PEM_write_bio_RSAPrivateKey), as `openssl rsa -aes256` uses.
    const pem = createPrivateKey(privateKeyPem).export({
      type: "pkcs1",
      format: "pem",
      cipher: "aes-256-cbc",
      passphrase: password,
    });
    return withUnixLineEndings(pem.toString());
  }
  // Node cannot set the PBKDF2 iteration count, so PKCS#8 is built by node-forge.
  const key = forge.pki.privateKeyFromPem(privateKeyPem);
  const options: forge.pki.EncryptionOptions = {
    algorithm: "aes256",
    prfAlgorithm: "sha256",
    count: PKCS8_PBKDF2_ITERATIONS,
    saltSize: 16,
  };
  return withUnixLineEndings(forge.pki.encryptRsaPrivateKey(key, password, options));
}

/**
 * Reads a private key given as PEM (plain, traditional encrypted or PKCS#8 encrypted) or as base64 of a PEM
 * file (key.pem.enc.b64, the saml/pkey option). Decryption is OpenSSL's own, so anything OpenSSL writes reads.
 */
export function readPrivateKey(text: string, password?: string, field = "key"): KeyObject {
  const pem = pemFromText(text);
  const block = pem === undefined ? undefined : firstPemBlock(pem);
  if (!block) throw new SamlInputError(field, "is neither a PEM private key nor base64 of one");
  if (!block.type.endsWith("PRIVATE KEY")) {
    throw new SamlInputError(field, `holds a PEM "${block.type}" block; a private key is required`);
  }
  const encrypted = block.type === "ENCRYPTED PRIVATE KEY" || /^Proc-Type:\s*4,ENCRYPTED/m.test(block.headers);
  if (encrypted && !password) throw new SamlInputError("password", "is required: the key is encrypted");
  try {
    return createPrivateKey({ key: block.text, format: "pem", ...(encrypted ? { passphrase: password } : {}) });
  } catch {
    if (encrypted) throw new SamlInputError("password", "does not decrypt the key (wrong password or damaged key)");
    throw new SamlInputError(field, "is not a readable private key");
  }
}

/** Refuses keys that are not RSA or are shorter than 2048 bits. Returns the key size in bits. */
export function assertStrongRsaKey(key: KeyObject, field = "key"): number {
  if (key.asymmetricKeyType !== "rsa") {
    throw new SamlInputError(field, `is a ${key.asymmetricKeyType ?? "unknown"} key; an RSA key is required`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new SamlInputError(field, `is a ${bits}-bit RSA key; at least ${MIN_RSA_BITS} bits are required`);
  }
  return bits;
}

export function keyMatchesCertificate(key: KeyObject, certificatePem: string): boolean {
  const fromKey = createPublicKey(key).export({ type: "spki", format: "der" });
  const fromCertificate = createPublicKey(certificatePem).export({ type: "spki", format: "der" });
  return fromKey.equals(fromCertificate);
}

export function toPkcs8Pem(key: KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}
