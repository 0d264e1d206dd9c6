import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeStepManually, SAML_KEY_MATERIAL } from "@/lib/provisioning";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { generateKeyMaterial } from "@/lib/saml/generate";
import { certificateFile } from "./certificate-file";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit({ services: ["predictive-engagement"] });
});
afterAll(() => kit.close());

describe("certificate file", () => {
  it("refuses an unknown tenant, and a tenant without a certificate yet, saying which step makes it", async () => {
    await expect(
      certificateFile(kit.db, { tenantId: "00000000-0000-4000-8000-000000000000", format: "pem" }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(certificateFile(kit.db, { tenantId: kit.tenant.id, format: "pem" })).rejects.toMatchObject({
      code: "precondition_failed",
      message: expect.stringMatching(/no SAML certificate yet: apply the SAML key material step/),
    });
  });

  it("gives the certificate in use as PEM and as cert.pem.b64, never the private key", async () => {
    const material = await generateKeyMaterial();
    const report = await completeStepManually(
      {
        tenantId: kit.tenant.id,
        stepKey: SAML_KEY_MATERIAL,
        values: { certificate: material.certificatePem, key: material.privateKeyPem },
      },
      kit.engine,
    );
    expect(report.status).toBe("succeeded");

    const pem = await certificateFile(kit.db, { tenantId: kit.tenant.id, format: "pem" });
    expect(pem.body).toBe(material.certificatePem);
    expect(pem.fileName).toMatch(/^[a-z0-9-]+-cert\.pem$/);

    const b64 = await certificateFile(kit.db, { tenantId: kit.tenant.id, format: "b64" });
    expect(b64.fileName).toBe(`${pem.fileName}.b64`);
    const lines = b64.body.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines.every((line) => line.length <= 64)).toBe(true);
    expect(Buffer.from(lines.join(""), "base64").toString("utf8")).toBe(material.certificatePem);

    for (const file of [pem.body, Buffer.from(b64.body, "base64").toString("utf8")])
      expect(file).not.toMatch(/PRIVATE KEY/);
  });
});
