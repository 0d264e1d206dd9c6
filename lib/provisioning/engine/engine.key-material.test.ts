import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sameCertificate } from "@/lib/genesys-cloud";
import { generateKeyMaterial, type SamlKeyMaterial } from "@/lib/saml/generate";
import { encryptPrivateKey, keyMatchesCertificate, readPrivateKey } from "@/lib/saml/private-key";
import { deleteSecret, openSecret } from "@/lib/secrets/store";
import { applyTenant, completeStepManually, verifyTenant } from "./engine";
import { tenantSecretRef } from "../model/secret-refs";
import { SAML_SECRETS } from "../steps/saml-key-material";
import { optionOf, startProvisioningKit, type ProvisioningKit, stepReport } from "../test-support";
import { IDENTITY_PROVIDER, SAML_KEY_MATERIAL, SMOKE_TEST, TRANSACTION_OBJECT } from "../model/step-keys";

let kit: ProvisioningKit;
let imported: SamlKeyMaterial;
const stored = (purpose: string) => openSecret(kit.db, tenantSecretRef(kit.tenant.id, purpose));
const certificateOutput = async () =>
  (
    (
      await kit.db.stepState.findUniqueOrThrow({
        where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: SAML_KEY_MATERIAL } },
      })
    ).outputs as { certificatePem: string }
  ).certificatePem;

beforeAll(async () => {
  kit = await startProvisioningKit({ services: ["predictive-engagement"] });
  imported = await generateKeyMaterial();
});
afterAll(() => kit.close());

describe("SAML key material", () => {
  it("refuses to import a key that does not match the certificate, naming the field", async () => {
    const other = await generateKeyMaterial();
    const report = await completeStepManually(
      {
        tenantId: kit.tenant.id,
        stepKey: SAML_KEY_MATERIAL,
        values: { certificate: imported.certificatePem, key: other.privateKeyPem },
      },
      kit.engine,
    );
    expect(report.steps[0]!.error).toEqual({
      code: "invalid_input",
      message: "key: does not match the certificate (their public keys differ)",
    });
  });

  it("imports an existing encrypted key with its password, and the whole tenant provisions with it", async () => {
    const encrypted = encryptPrivateKey(imported.privateKeyPem, "operator-chosen-password-1");
    const report = await completeStepManually(
      {
        tenantId: kit.tenant.id,
        stepKey: SAML_KEY_MATERIAL,
        values: { certificate: imported.certificatePem, key: encrypted, password: "operator-chosen-password-1" },
      },
      kit.engine,
    );
    expect(report.status).toBe("succeeded");
    expect(await stored(SAML_SECRETS.keyPassword)).toBe("operator-chosen-password-1");
    expect(await certificateOutput()).toBe(imported.certificatePem);

    const applied = await applyTenant(kit.tenant.id, kit.engine);
    expect(applied.status).toBe("succeeded");
    expect(stepReport(applied, SAML_KEY_MATERIAL).result).toBe("unchanged");
    expect(sameCertificate((await kit.genesysOrg()).pureEngage!.certificate, imported.certificatePem)).toBe(true);
  });

  it("is reported missing when its sealed key is lost, and apply makes new material that reaches the provider and the transaction object", async () => {
    await deleteSecret(kit.db, tenantSecretRef(kit.tenant.id, SAML_SECRETS.encryptedKey));
    const verified = await verifyTenant(kit.tenant.id, kit.engine, SAML_KEY_MATERIAL);
    expect(verified.steps[0]!.verification).toEqual({
      status: "missing",
      differences: [{ field: "keyMaterial", expected: "stored", actual: "" }],
    });

    const applied = await applyTenant(kit.tenant.id, kit.engine);
    expect(Object.fromEntries(applied.steps.map((step) => [step.stepKey, step.result]))).toMatchObject({
      [SAML_KEY_MATERIAL]: "created",
      [IDENTITY_PROVIDER]: "updated",
      [TRANSACTION_OBJECT]: "updated",
      [SMOKE_TEST]: "checked",
    });
    const certificatePem = await certificateOutput();
    expect(certificatePem).not.toBe(imported.certificatePem);
    expect(sameCertificate((await kit.genesysOrg()).pureEngage!.certificate, certificatePem)).toBe(true);
    const [transaction] = await kit.hybridIntegration();
    const key = readPrivateKey(optionOf(transaction!, "saml", "pkey")!, optionOf(transaction!, "saml", "password"));
    expect(keyMatchesCertificate(key, certificatePem)).toBe(true);
    expect(optionOf(transaction!, "saml", "password")).toBe(await stored(SAML_SECRETS.keyPassword));
  });
});
