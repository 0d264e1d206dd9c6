// Test helpers for certificate rotation: the end state a rotation must leave, read from both sandboxes and the database.
import { expect } from "vitest";
import { sameCertificate } from "@/lib/genesys-cloud";
import { keyMatchesCertificate, readPrivateKey } from "@/lib/saml/private-key";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, verifyTenant } from "../engine/engine";
import { tenantSecretRef } from "../model/secret-refs";
import { keyMaterialOutputsSchema, NEXT_SAML_SECRETS, SAML_SECRETS } from "../steps/saml-key-material";
import { optionOf, startProvisioningKit, type ProvisioningKit } from "../test-support";
import { SAML_KEY_MATERIAL } from "../model/step-keys";

/** Both sandboxes with the Acme tenant applied: what a rotation starts from. */
export async function provisionedKit(): Promise<ProvisioningKit> {
  const kit = await startProvisioningKit();
  expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
  return kit;
}

/** The provider's trusted certificates as the sandbox holds them: its `certificate` and every one of `certificates`. */
export async function providerCertificates(kit: ProvisioningKit): Promise<string[]> {
  const provider = (await kit.genesysOrg()).pureEngage as { certificate: string; certificates?: string[] } | null;
  return provider ? [...new Set([provider.certificate, ...(provider.certificates ?? [])])] : [];
}

export async function keyMaterial(kit: ProvisioningKit) {
  const state = await kit.db.stepState.findUniqueOrThrow({
    where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: SAML_KEY_MATERIAL } },
  });
  return keyMaterialOutputsSchema.parse(state.outputs);
}

/** What hybrid_integration holds: its certificate, and its encrypted key opened with its password. */
export async function transactionKey(kit: ProvisioningKit) {
  const [transaction] = await kit.hybridIntegration();
  const certificatePem = Buffer.from(optionOf(transaction!, "saml", "certificate")!, "base64").toString("utf8");
  const password = optionOf(transaction!, "saml", "password")!;
  return { certificatePem, password, key: readPrivateKey(optionOf(transaction!, "saml", "pkey")!, password) };
}

/**
 * A finished rotation to `certificatePem`: the provider trusts only it, the transaction object holds its key under the
 * sealed password, the step and the tenant show it, no next material is left, and verify finds every step ok.
 */
export async function expectRotatedTo(kit: ProvisioningKit, certificatePem: string): Promise<void> {
  const trusted = await providerCertificates(kit);
  expect(trusted).toHaveLength(1);
  expect(sameCertificate(trusted[0]!, certificatePem)).toBe(true);

  const object = await transactionKey(kit);
  expect(sameCertificate(object.certificatePem, certificatePem)).toBe(true);
  expect(keyMatchesCertificate(object.key, certificatePem)).toBe(true);
  const secret = (purpose: string) => openSecret(kit.db, tenantSecretRef(kit.tenant.id, purpose));
  expect(object.password).toBe(await secret(SAML_SECRETS.keyPassword));

  const material = await keyMaterial(kit);
  expect(material.certificatePem).toBe(certificatePem);
  expect(material.next).toBeUndefined();
  const sealedKey = readPrivateKey(
    (await secret(SAML_SECRETS.encryptedKey))!,
    (await secret(SAML_SECRETS.keyPassword))!,
  );
  expect(keyMatchesCertificate(sealedKey, certificatePem)).toBe(true);
  for (const purpose of Object.values(NEXT_SAML_SECRETS)) expect(await secret(purpose)).toBeUndefined();
  const tenant = await kit.db.tenant.findUniqueOrThrow({ where: { id: kit.tenant.id } });
  expect(tenant.certificateExpiresAt?.toISOString()).toBe(material.notAfter);

  const verify = await verifyTenant(kit.tenant.id, kit.engine);
  const notOk = verify.steps.filter((step) => step.status !== "skipped" && step.verification?.status !== "ok");
  expect(notOk.map((step) => ({ step: step.stepKey, verification: step.verification, error: step.error }))).toEqual([]);
}
