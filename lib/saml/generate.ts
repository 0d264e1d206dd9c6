import { createPrivateKey, generateKeyPair, randomBytes, sign, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { z } from "zod";
import { parseOrThrow, SamlInputError } from "./errors";
import { derToPem } from "./pem";

export const KEY_SIZES = [2048, 3072, 4096] as const;
export type KeySize = (typeof KEY_SIZES)[number];
/** The manual procedure's `openssl req -x509 -days 3652`. */
export const DEFAULT_VALIDITY_DAYS = 3652;
const MAX_VALIDITY_DAYS = 36500;
export const DEFAULT_COMMON_NAME = "Genesys Multicloud CX SAML";

const name = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} must not be empty`)
    .max(64, `${label} must be at most 64 characters (X.520 upper bound)`);

const certificateSubjectSchema = z.object({
  commonName: name("common name").default(DEFAULT_COMMON_NAME),
  organization: name("organization").optional(),
  organizationalUnit: name("organizational unit").optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "country must be a two-letter upper-case ISO 3166 code such as US")
    .optional(),
});

export const generateOptionsSchema = z.object({
  bits: z.literal(KEY_SIZES, { error: "key size must be 2048, 3072 or 4096 bits" }).default(2048),
  days: z
    .number({ error: "validity must be a whole number of days" })
    .int("validity must be a whole number of days")
    .min(1, "validity must be at least 1 day")
    .max(MAX_VALIDITY_DAYS, `validity must be at most ${MAX_VALIDITY_DAYS} days`)
    .default(DEFAULT_VALIDITY_DAYS),
  subject: certificateSubjectSchema.default({ commonName: DEFAULT_COMMON_NAME }),
  now: z.date().optional(),
});

export type GenerateOptions = z.input<typeof generateOptionsSchema>;
type CertificateSubject = z.output<typeof certificateSubjectSchema>;

/** A matching certificate and private key, both unencrypted PEM as OpenSSL writes them. */
export interface SamlKeyMaterial {
  certificatePem: string;
  /** PKCS#8 (`BEGIN PRIVATE KEY`), what `openssl req -nodes -keyout` writes. */
  privateKeyPem: string;
}

/**
 * Generates an RSA key pair and a self-signed SHA-256 certificate. The key pair and the signature come from
 * Node's native OpenSSL (the same path node-forge's generateKeyPair takes in Node); node-forge builds the
 * certificate.
 */
export async function generateKeyMaterial(options: GenerateOptions = {}): Promise<SamlKeyMaterial> {
  const { bits, ...certificate } = parseOrThrow(generateOptionsSchema, options);
  return certifyKey(await generateRsaKey(bits), certificate);
}

/** An RSA private key (PKCS#8 PEM) generated ahead of its certificate: the slow part of generateKeyMaterial. */
export async function generatePrivateKeyPem(bits: KeySize = 2048): Promise<string> {
  return (await generateRsaKey(bits)).export({ type: "pkcs8", format: "pem" }).toString();
}

/** A self-signed certificate for a key generated earlier (generatePrivateKeyPem), with the same options. */
export function certifyPrivateKey(privateKeyPem: string, options: Omit<GenerateOptions, "bits"> = {}): SamlKeyMaterial {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== "rsa") throw new SamlInputError("privateKey", "must be an RSA key");
  const { bits: _bits, ...certificate } = parseOrThrow(generateOptionsSchema, options);
  return certifyKey(privateKey, certificate);
}

function certifyKey(
  privateKey: KeyObject,
  { days, subject, now }: Omit<z.output<typeof generateOptionsSchema>, "bits">,
): SamlKeyMaterial {
  const pkcs1 = privateKey.export({ type: "pkcs1", format: "der" });
  const forgeKey = forge.pki.privateKeyFromAsn1(forge.asn1.fromDer(pkcs1.toString("binary")));

  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  certificate.serialNumber = randomSerialHex();
  const notBefore = new Date(Math.floor((now ?? new Date()).getTime() / 1000) * 1000);
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = new Date(notBefore.getTime() + days * 86_400_000);
  const attributes = subjectAttributes(subject);
  certificate.setSubject(attributes);
  certificate.setIssuer(attributes);
  certificate.setExtensions([
    { name: "basicConstraints", cA: false, critical: true },
    { name: "keyUsage", critical: true, digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" },
  ]);
  signNatively(certificate, privateKey);

  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary");
  return {
    certificatePem: derToPem("CERTIFICATE", der),
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

function generateRsaKey(bits: number): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    generateKeyPair("rsa", { modulusLength: bits, publicExponent: 0x10001 }, (error, _publicKey, privateKey) =>
      error ? reject(error) : resolve(privateKey),
    );
  });
}

/** 16 random bytes with the top bit clear (a positive INTEGER) and a non-zero first byte (minimal DER). */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString("hex");
}

function subjectAttributes(subject: CertificateSubject): forge.pki.CertificateField[] {
  const attributes: forge.pki.CertificateField[] = [];
  if (subject.country) attributes.push({ name: "countryName", value: subject.country });
  if (subject.organization) attributes.push({ name: "organizationName", value: subject.organization });
  if (subject.organizationalUnit)
    attributes.push({ name: "organizationalUnitName", value: subject.organizationalUnit });
  attributes.push({ name: "commonName", value: subject.commonName });
  return attributes;
}

const SHA256_WITH_RSA_OID = "1.2.840.113549.1.1.11";

// node-forge exports getTBSCertificate but its type definitions omit it.
const forgeTbs = forge.pki as unknown as { getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1 };

/** What forge's certificate.sign(key, sha256) does, with the RSA operation done by native OpenSSL (much faster). */
function signNatively(certificate: forge.pki.Certificate, privateKey: KeyObject): void {
  certificate.signatureOid = certificate.siginfo.algorithmOid = SHA256_WITH_RSA_OID;
  certificate.tbsCertificate = forgeTbs.getTBSCertificate(certificate);
  const tbs = Buffer.from(forge.asn1.toDer(certificate.tbsCertificate).getBytes(), "binary");
  certificate.signature = sign("sha256", tbs, privateKey).toString("binary");
}
