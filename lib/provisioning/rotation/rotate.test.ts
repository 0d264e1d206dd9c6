import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProvisioningKit } from "../test-support";
import { rotateCertificate } from "./rotate";
import { ROTATION_STAGES } from "./stages";
import { expectRotatedTo, keyMaterial, providerCertificates, provisionedKit } from "./rotation-test-support";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await provisionedKit();
}, 180_000);
afterAll(() => kit.close());

const auditOf = async (rotationId: string) =>
  (
    await kit.db.auditEvent.findMany({
      where: { targetId: kit.tenant.id, action: { startsWith: "certificate_rotation." } },
      orderBy: { seq: "asc" },
      select: { action: true, details: true },
    })
  ).filter((event) => (event.details as { rotationId?: string }).rotationId === rotationId);

describe("certificate rotation", { timeout: 180_000 }, () => {
  it("replaces the key everywhere: only the new certificate on the provider, the new key in the transaction object, every step verified ok", async () => {
    const before = await keyMaterial(kit);
    const report = await rotateCertificate(kit.tenant.id, kit.engine);
    expect(report).toMatchObject({
      status: "succeeded",
      stage: "done",
      resumed: false,
      oldFingerprint: before.sha256Fingerprint,
    });
    expect(report.stages.map((entry) => entry.stage)).toEqual([...ROTATION_STAGES]);

    const after = await keyMaterial(kit);
    expect(after.sha256Fingerprint).toBe(report.newFingerprint);
    expect(after.sha256Fingerprint).not.toBe(before.sha256Fingerprint);
    await expectRotatedTo(kit, after.certificatePem);

    const rotation = await kit.db.certificateRotation.findUniqueOrThrow({ where: { id: report.rotationId } });
    expect(rotation).toMatchObject({
      status: "succeeded",
      stage: "done",
      requestedBy: kit.engine.audit.actor.email,
      runId: report.runId,
      errorCode: null,
    });
    expect(Object.keys(rotation.stages as object).sort()).toEqual([...ROTATION_STAGES].sort());
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run).toMatchObject({ mode: "apply", stepKey: "certificate-rotation", status: "succeeded" });

    const events = await auditOf(report.rotationId);
    expect(events.map((event) => event.action)).toEqual([
      "certificate_rotation.start",
      ...ROTATION_STAGES.map(() => "certificate_rotation.stage"),
      "certificate_rotation.succeed",
    ]);
    expect(
      events
        .filter((event) => event.action === "certificate_rotation.stage")
        .map((event) => (event.details as { stage: string }).stage),
    ).toEqual([...ROTATION_STAGES]);
    expect(JSON.stringify(events)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it("does nothing for a request delivered again after its rotation succeeded (a queued job redelivered)", async () => {
    const first = await rotateCertificate(kit.tenant.id, { ...kit.engine, requestId: "job-redelivered" });
    expect(first.status).toBe("succeeded");
    const runs = await kit.db.run.count({ where: { tenantId: kit.tenant.id } });
    const again = await rotateCertificate(kit.tenant.id, { ...kit.engine, requestId: "job-redelivered" });
    expect(again).toMatchObject({
      status: "succeeded",
      alreadyDone: true,
      rotationId: first.rotationId,
      newFingerprint: first.newFingerprint,
      stages: [],
    });
    expect(await kit.db.run.count({ where: { tenantId: kit.tenant.id } })).toBe(runs);
    expect((await keyMaterial(kit)).sha256Fingerprint).toBe(first.newFingerprint);
  });

  it("a rotation that fails after any stage's work resumes there and ends the same, without a second new key", async () => {
    for (const stage of ROTATION_STAGES) {
      const before = await keyMaterial(kit);
      const failed = await rotateCertificate(kit.tenant.id, {
        ...kit.engine,
        rotationHooks: {
          afterStageWork: (reached) => {
            if (reached === stage) throw new Error(`simulated failure after ${stage}`);
          },
        },
      });
      expect(failed, stage).toMatchObject({ status: "failed", stage, error: { code: "internal" } });
      expect(failed.error!.message).toMatch(/correlation id/);
      const stored = await kit.db.certificateRotation.findUniqueOrThrow({ where: { id: failed.rotationId } });
      expect(stored).toMatchObject({ status: "failed", stage, errorCode: "internal" });
      // The failure came after the stage's work: the new certificate is trusted once added, the old one until removed.
      const trusted = await providerCertificates(kit);
      expect(trusted.length, stage).toBe(stage === "generate" || stage === "remove-old-certificate" ? 1 : 2);

      const resumed = await rotateCertificate(kit.tenant.id, kit.engine);
      expect(resumed, stage).toMatchObject({
        status: "succeeded",
        stage: "done",
        resumed: true,
        rotationId: failed.rotationId,
      });
      if (stage !== "generate") expect(resumed.newFingerprint, stage).toBe(failed.newFingerprint);
      const after = await keyMaterial(kit);
      expect(after.sha256Fingerprint).toBe(resumed.newFingerprint);
      expect(after.sha256Fingerprint).not.toBe(before.sha256Fingerprint);
      await expectRotatedTo(kit, after.certificatePem);
      const generated = (await auditOf(failed.rotationId)).filter(
        (event) =>
          (event.details as { stage?: string }).stage === "generate" && event.action === "certificate_rotation.stage",
      );
      expect(generated, stage).toHaveLength(1);
    }
  });
});
