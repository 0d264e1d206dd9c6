import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sameCertificate } from "@/lib/genesys-cloud";
import { createBoss, ensureQueues } from "@/lib/jobs/queues";
import { enqueueKeyPreparation } from "@/lib/jobs/key-preparation-jobs";
import { startWorker } from "@/lib/jobs/worker";
import { fastRetrySettings } from "@/lib/jobs/worker-process-test-support";
import { hasSecret, openSecret } from "@/lib/secrets/store";
import { applyTenant } from "../engine/engine";
import { prepareSamlKey } from "./prepared-key";
import { tenantSecretRef } from "../model/secret-refs";
import { PREPARED_SAML_KEY } from "../steps/saml-key-material";
import { startProvisioningKit, testAudit, type ProvisioningKit, stepReport } from "../test-support";
import { SAML_KEY_MATERIAL } from "../model/step-keys";

let kit: ProvisioningKit;
const prepared = (tenantId = kit.tenant.id) => openSecret(kit.db, tenantSecretRef(tenantId, PREPARED_SAML_KEY));
const publicKeyOf = (pem: string) => createPublicKey(pem).export({ type: "spki", format: "pem" });
const keyMaterialState = (tenantId = kit.tenant.id) =>
  kit.db.stepState.findUnique({ where: { tenantId_stepKey: { tenantId, stepKey: SAML_KEY_MATERIAL } } });

beforeAll(async () => {
  kit = await startProvisioningKit({ services: ["predictive-engagement"] });
});
afterAll(() => kit.close());

describe("a SAML key prepared when the tenant is registered", () => {
  it("is sealed once, audited without the key, and the key-material step certifies it instead of generating one", async () => {
    expect(await prepareSamlKey(kit.db, testAudit, kit.tenant.id)).toBe("prepared");
    expect(await prepareSamlKey(kit.db, testAudit, kit.tenant.id)).toBe("not-needed");
    const key = (await prepared())!;
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const event = await kit.db.auditEvent.findFirstOrThrow({
      where: { action: "secret.prepare", targetId: kit.tenant.id },
    });
    expect(event.details).toEqual({ purpose: PREPARED_SAML_KEY, bits: 2048 });

    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(stepReport(report, SAML_KEY_MATERIAL).changes).toEqual([
      "made the SAML certificate for the key prepared when the tenant was registered",
    ]);
    const { certificatePem } = (await keyMaterialState())!.outputs as { certificatePem: string };
    expect(publicKeyOf(certificatePem)).toBe(publicKeyOf(key));
    expect(sameCertificate((await kit.genesysOrg()).pureEngage!.certificate, certificatePem)).toBe(true);
    // Used once: the step's completion deleted it, and no new one is prepared for a tenant with key material.
    expect(await hasSecret(kit.db, tenantSecretRef(kit.tenant.id, PREPARED_SAML_KEY))).toBe(false);
    expect(await prepareSamlKey(kit.db, testAudit, kit.tenant.id)).toBe("not-needed");
  });

  it("is not left behind when the key-material step completes while the key is being made", async () => {
    const other = await kit.db.tenant.create({
      data: {
        deploymentId: kit.deployment.id,
        cfgTenantName: `Race-${Date.now()}`,
        region: "eu-west-1",
        bootstrapClientId: "unused",
      },
    });
    let markDone!: () => void;
    const stepDone = new Promise<void>((resolve) => (markDone = resolve));
    // The step's completion holds the tenant row (it records the certificate expiry) until it commits.
    const completion = kit.db.$transaction(
      async (tx) => {
        await tx.tenant.update({ where: { id: other.id }, data: { certificateExpiresAt: new Date() } });
        await stepDone;
        await tx.stepState.create({ data: { tenantId: other.id, stepKey: SAML_KEY_MATERIAL, status: "done" } });
      },
      { timeout: 30_000 },
    );
    const preparation = prepareSamlKey(kit.db, testAudit, other.id);
    // Let the preparation generate its key and wait for the row before the step commits.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    markDone();
    await completion;
    expect(await preparation).toBe("not-needed");
    expect(await prepared(other.id)).toBeUndefined();
  });

  it("is made by a worker for a tenant queued by registration", async () => {
    const other = await kit.db.tenant.create({
      data: {
        deploymentId: kit.deployment.id,
        cfgTenantName: `Queued-${Date.now()}`,
        region: "eu-west-1",
        bootstrapClientId: "unused",
      },
    });
    const settings = { ...fastRetrySettings, concurrency: 1, runLeaseSeconds: 60, reverifyCron: "" };
    const boss = createBoss(process.env.DATABASE_URL!, settings, { schedule: false, supervise: false });
    await boss.start();
    await ensureQueues(boss, settings);
    const worker = await startWorker(kit.db, process.env.DATABASE_URL!, settings);
    try {
      await enqueueKeyPreparation(boss, other.id, testAudit);
      const deadline = Date.now() + 60_000;
      while (!(await hasSecret(kit.db, tenantSecretRef(other.id, PREPARED_SAML_KEY))) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await prepared(other.id)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    } finally {
      await worker.stop();
      await boss.stop({ graceful: false });
    }
  });
});
