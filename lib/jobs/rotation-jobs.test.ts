import { afterAll, describe, expect, it } from "vitest";
import { applyTenant } from "@/lib/provisioning";
import { expectRotatedTo, keyMaterial } from "@/lib/provisioning/rotation/rotation-test-support";
import { until } from "@/test/support/until";
import { startProvisioningKit, testAudit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { createBoss, ensureQueues, ROTATION_QUEUE } from "./queues";
import { enqueueRotation } from "./rotation-jobs";
import { fastRetrySettings, workerProcesses } from "./worker-process-test-support";

const settings = fastRetrySettings;
const workers = workerProcesses();

let kit: ProvisioningKit | undefined;
afterAll(async () => {
  await workers.killAll();
  await kit?.close();
});

describe("a queued certificate rotation", { timeout: 240_000 }, () => {
  it("survives its worker being killed with both certificates on the provider, and a restarted worker finishes it with the same new key", async () => {
    kit = await startProvisioningKit();
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const writesBefore = (await kit.genesysWrites()).length;
    const boss = createBoss(process.env.DATABASE_URL!, settings, { schedule: false, supervise: false });
    await boss.start();
    await ensureQueues(boss, settings);
    const jobId = await enqueueRotation(boss, kit.tenant.id, testAudit);
    const jobState = async () => (await boss.getJobById(ROTATION_QUEUE, jobId, { includeArchive: true }))?.state;

    // Killed right after the new certificate reached the provider (its first write to Genesys Cloud).
    const first = workers.start();
    await until(async () => ((await kit!.genesysWrites()).length > writesBefore ? true : undefined), {
      timeoutMs: 120_000,
      what: "the new certificate on the provider",
    });
    await workers.kill(first);
    const newFingerprint = (await keyMaterial(kit)).next?.sha256Fingerprint;
    expect(newFingerprint).toBeDefined();

    const second = workers.start();
    await until(async () => ((await jobState()) === "completed" ? true : undefined), {
      timeoutMs: 120_000,
      what: "the rotation job to complete",
    });
    await workers.kill(second);
    await boss.stop({ graceful: false });

    const rotations = await kit.db.certificateRotation.findMany({ where: { tenantId: kit.tenant.id } });
    expect(rotations).toHaveLength(1);
    expect(rotations[0]).toMatchObject({
      status: "succeeded",
      stage: "done",
      newFingerprint,
      requestedBy: testAudit.actor.email,
    });
    await expectRotatedTo(kit, (await keyMaterial(kit)).certificatePem);
  });
});
