import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { applyTenant } from "@/lib/provisioning/engine";
import { expectRotatedTo, keyMaterial, until } from "@/lib/provisioning/rotation/rotation-test-support";
import { startProvisioningKit, testAudit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { createBoss, ensureQueues, type QueueSettings } from "./queues";
import { enqueueRotation, ROTATION_QUEUE } from "./rotation-jobs";

// Short timeouts so a killed worker's job comes back within seconds.
const settings: QueueSettings = { jobTimeoutSeconds: 3, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, fixedRetryDelay: true };
const workerEnv = () => ({
  ...process.env,
  RUN_LEASE_SECONDS: "2",
  JOB_TIMEOUT_SECONDS: String(settings.jobTimeoutSeconds),
  JOB_MAINTENANCE_SECONDS: String(settings.maintenanceIntervalSeconds),
  JOB_RETRY_DELAY_SECONDS: "1",
  REVERIFY_CRON: "off",
  WORKER_CONCURRENCY: "1",
});

const children: ChildProcess[] = [];
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { env: workerEnv(), stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  return child;
}
const kill = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill("SIGKILL"))));

let kit: ProvisioningKit | undefined;
afterAll(async () => {
  await Promise.all(children.map(kill));
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
    const first = startWorkerProcess();
    await until(async () => ((await kit!.genesysWrites()).length > writesBefore ? true : undefined), 120_000, "the new certificate on the provider");
    await kill(first);
    const newFingerprint = (await keyMaterial(kit)).next?.sha256Fingerprint;
    expect(newFingerprint).toBeDefined();

    const second = startWorkerProcess();
    await until(async () => ((await jobState()) === "completed" ? true : undefined), 120_000, "the rotation job to complete");
    await kill(second);
    await boss.stop({ graceful: false });

    const rotations = await kit.db.certificateRotation.findMany({ where: { tenantId: kit.tenant.id } });
    expect(rotations).toHaveLength(1);
    expect(rotations[0]).toMatchObject({ status: "succeeded", stage: "done", newFingerprint, requestedBy: testAudit.actor.email });
    await expectRotatedTo(kit, (await keyMaterial(kit)).certificatePem);
  });
});
