import { z } from "zod";
import { certificateDetails } from "@/lib/saml/details";
import { certifyPrivateKey, generateKeyMaterial } from "@/lib/saml/generate";
import { importKeyMaterial } from "@/lib/saml/import";
import { generatePassword } from "@/lib/saml/password";
import { encryptPrivateKey, keyMatchesCertificate, readPrivateKey } from "@/lib/saml/private-key";
import { defineStep, type FieldDifference, type StepApplyResult, type StepContext } from "../model/step";
import { SAML_KEY_MATERIAL, CONNECT_ORG } from "../model/step-keys";

/** Sealed: the private key (PKCS#8 PEM), its encryption password, and the key encrypted with it (key.pem.enc). */
export const SAML_SECRETS = {
  privateKey: `${SAML_KEY_MATERIAL}.private-key`,
  keyPassword: `${SAML_KEY_MATERIAL}.key-password`,
  encryptedKey: `${SAML_KEY_MATERIAL}.encrypted-key`,
} as const;

/**
 * Sealed during a certificate rotation (lib/provisioning/rotation): the next key material, until the rotation's
 * smoke test passes and it replaces the current one.
 */
export const NEXT_SAML_SECRETS = {
  privateKey: `${SAML_SECRETS.privateKey}.next`,
  keyPassword: `${SAML_SECRETS.keyPassword}.next`,
  encryptedKey: `${SAML_SECRETS.encryptedKey}.next`,
} as const;

/**
 * Sealed when the tenant is registered (lib/provisioning/registration/prepared-key.ts): an RSA key generated ahead, so that the
 * step only has to certify it. The step's completion deletes it.
 */
export const PREPARED_SAML_KEY = `${SAML_KEY_MATERIAL}.prepared-key`;

const certificateOutputsSchema = z.object({
  certificatePem: z.string().min(1),
  sha256Fingerprint: z.string(),
  notAfter: z.string(),
});
export type CertificateOutputs = z.output<typeof certificateOutputsSchema>;

/** The certificate in use and, while a rotation is under way, the next one (the identity provider trusts both). */
export const keyMaterialOutputsSchema = certificateOutputsSchema.extend({ next: certificateOutputsSchema.optional() });
export type KeyMaterialOutputs = z.output<typeof keyMaterialOutputsSchema>;

const input = z.object({ orgShortName: z.string().min(1) });
type Input = z.output<typeof input>;

const manualSchema = z
  .object({
    certificate: z.string().min(1, "must not be empty"),
    key: z.string().min(1, "must not be empty"),
    /** Required when the key is encrypted; when it is not, a password is generated to encrypt it. */
    password: z.string().min(1, "must not be empty").optional(),
  })
  .strict();

export function certificateOutputs(certificatePem: string): CertificateOutputs {
  const details = certificateDetails(certificatePem);
  return { certificatePem, sha256Fingerprint: details.sha256Fingerprint, notAfter: details.notAfter.toISOString() };
}

/** The sealed secrets of key material, under the current purposes or (rotation) the next ones. */
export function keyMaterialSecrets(
  privateKeyPem: string,
  password: string,
  purposes: typeof SAML_SECRETS | typeof NEXT_SAML_SECRETS = SAML_SECRETS,
): Record<string, string> {
  return {
    [purposes.privateKey]: privateKeyPem,
    [purposes.keyPassword]: password,
    [purposes.encryptedKey]: encryptPrivateKey(privateKeyPem, password),
  };
}

const orgSubject = (orgShortName: string) => ({ commonName: `Genesys Multicloud CX SAML ${orgShortName}` });

/** Fresh key material for the org, as the step generates it. */
export const generateOrgKeyMaterial = (orgShortName: string) =>
  generateKeyMaterial({ subject: orgSubject(orgShortName) });

function materialResult({
  certificatePem,
  privateKeyPem,
  password,
  result,
  change,
}: {
  certificatePem: string;
  privateKeyPem: string;
  password: string;
  result: StepApplyResult["result"];
  change: string;
}): StepApplyResult {
  const details = certificateDetails(certificatePem);
  return {
    result,
    outputs: certificateOutputs(certificatePem) satisfies KeyMaterialOutputs,
    secrets: keyMaterialSecrets(privateKeyPem, password),
    changes: [change],
    certificateExpiresAt: details.notAfter,
    discardSecrets: [PREPARED_SAML_KEY],
  };
}

/** What is wrong with the stored material, as differences; none when it is complete, consistent and current. */
async function problems(ctx: StepContext<Input>): Promise<FieldDifference[] | null> {
  const outputs = keyMaterialOutputsSchema.safeParse(ctx.previous?.outputs).data;
  // Without a certificate there is nothing to check the secrets against: they are not read.
  if (!outputs) return null;
  const [encryptedKey, password] = await Promise.all([
    ctx.secret(SAML_SECRETS.encryptedKey),
    ctx.secret(SAML_SECRETS.keyPassword),
  ]);
  if (!encryptedKey || !password) return null;
  try {
    const key = readPrivateKey(encryptedKey, password);
    if (!keyMatchesCertificate(key, outputs.certificatePem))
      return [{ field: "key", expected: "matches the certificate", actual: "does not match" }];
  } catch {
    return [{ field: "encryptedKey", expected: "decrypts with the stored password", actual: "does not decrypt" }];
  }
  const details = certificateDetails(outputs.certificatePem);
  return details.expired
    ? [{ field: "certificate", expected: "current", actual: `expired ${details.notAfter.toISOString()}` }]
    : [];
}

/** Step 5: the SAML signing key and self-signed certificate; the key is kept encrypted under a generated password. */
export const samlKeyMaterialStep = defineStep<Input, z.output<typeof manualSchema>>({
  key: SAML_KEY_MATERIAL,
  title: "SAML key material",
  description:
    "Generates the SAML signing key and certificate (like openssl req -x509 -days 3652) and a password that encrypts the key; all of them are kept sealed.",
  phase: "key-material",
  dependsOn: [CONNECT_ORG],
  input,
  inputFrom: ({ outputs }) => ({ orgShortName: outputs[CONNECT_ORG]?.orgShortName }),

  async plan(ctx) {
    const found = await problems(ctx);
    if (!found)
      return { action: "create", changes: [{ field: "certificate", expected: "new key and certificate", actual: "" }] };
    return { action: found.length > 0 ? "update" : "none", changes: found };
  },

  async apply(ctx) {
    const found = await problems(ctx);
    if (found && found.length === 0) {
      const outputs = keyMaterialOutputsSchema.parse(ctx.previous?.outputs);
      return {
        result: "unchanged",
        outputs,
        changes: [],
        certificateExpiresAt: new Date(outputs.notAfter),
        discardSecrets: [PREPARED_SAML_KEY],
      };
    }
    const result = found ? "updated" : "created";
    const prepared = await ctx.secret(PREPARED_SAML_KEY);
    if (prepared) {
      const material = certifyPrivateKey(prepared, { subject: orgSubject(ctx.input.orgShortName) });
      return materialResult({
        certificatePem: material.certificatePem,
        privateKeyPem: material.privateKeyPem,
        password: generatePassword(),
        result,
        change: "made the SAML certificate for the key prepared when the tenant was registered",
      });
    }
    const material = await generateOrgKeyMaterial(ctx.input.orgShortName);
    return materialResult({
      certificatePem: material.certificatePem,
      privateKeyPem: material.privateKeyPem,
      password: generatePassword(),
      result,
      change: "generated a new SAML key and certificate",
    });
  },

  async verify(ctx) {
    const found = await problems(ctx);
    if (!found) return { status: "missing", differences: [{ field: "keyMaterial", expected: "stored", actual: "" }] };
    return { status: found.length > 0 ? "drifted" : "ok", differences: found };
  },

  manual: {
    schema: manualSchema,
    description:
      "an existing certificate and private key (PEM or base64 of PEM) and, for an encrypted key, its password",
    async complete(_ctx, values) {
      const material = importKeyMaterial({
        certificate: values.certificate,
        key: values.key,
        password: values.password,
      });
      return materialResult({
        certificatePem: material.certificatePem,
        privateKeyPem: material.privateKeyPem,
        password: values.password ?? generatePassword(),
        result: "updated",
        change: "imported a SAML key and certificate",
      });
    },
  },
});
