import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sameCertificate } from "@/lib/genesys-cloud";
import { makeCertificate } from "@/sandbox/genesys-cloud/saml-test-fixture";
import { applyTenant, verifyTenant } from "./engine";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";
import { SAML_KEY_MATERIAL, IDENTITY_PROVIDER } from "../model/step-keys";

let kit: ProvisioningKit;
let current: string;
const stranger = makeCertificate("someone-else.example.test").certificatePem;
const extraCertificate = {
  field: "certificate",
  expected: "the stored SAML certificate",
  actual: "also 1 other certificate(s)",
};
const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, "");

beforeAll(async () => {
  kit = await startProvisioningKit();
  expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
  const where = { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: SAML_KEY_MATERIAL } };
  const state = await kit.db.stepState.findUniqueOrThrow({ where });
  current = (state.outputs as { certificatePem: string }).certificatePem;
});
afterAll(() => kit.close());

/** Changes the provider's certificate fields as someone in the admin UI (or another tool) might. */
async function setCertificates(fields: { certificate: string; certificates: string[] }) {
  const { pureEngage } = await kit.genesysOrg();
  const answer = await kit.genesysApi("PUT", "/api/v2/identityproviders/pureengage", { ...pureEngage, ...fields });
  expect(answer.status).toBe(200);
}

async function expectRepaired() {
  const applied = await applyTenant(kit.tenant.id, kit.engine, IDENTITY_PROVIDER);
  expect(applied.steps[0]).toMatchObject({ status: "succeeded", result: "updated" });
  const { pureEngage } = await kit.genesysOrg();
  expect(sameCertificate(pureEngage!.certificate, current)).toBe(true);
  expect(pureEngage!.certificates.map(bare)).toEqual([bare(current)]);
  const verified = await verifyTenant(kit.tenant.id, kit.engine, IDENTITY_PROVIDER);
  expect(verified.steps[0]!.verification).toEqual({ status: "ok", differences: [] });
}

describe("identity provider certificates", () => {
  it("removes a certificate someone added to the provider's list, sending both certificate fields", async () => {
    await setCertificates({ certificate: current, certificates: [current, stranger] });
    const drifted = await verifyTenant(kit.tenant.id, kit.engine, IDENTITY_PROVIDER);
    expect(drifted.steps[0]!.verification).toEqual({ status: "drifted", differences: [extraCertificate] });
    await expectRepaired();
  });

  it("sees a certificate that only the certificate field still holds, and removes it", async () => {
    await setCertificates({ certificate: stranger, certificates: [current] });
    const drifted = await verifyTenant(kit.tenant.id, kit.engine, IDENTITY_PROVIDER);
    expect(drifted.steps[0]!.verification?.differences).toEqual([extraCertificate]);
    await expectRepaired();
  });
});
