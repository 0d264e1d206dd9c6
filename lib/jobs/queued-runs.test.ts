import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelRun } from "@/lib/provisioning";
import { startProvisioningKit, testAudit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { until } from "@/test/support/until";
import { enqueueRun, enqueueRuns } from "./enqueue";
import { createBoss, ensureQueues, RUN_QUEUE, runJobSchema } from "./queues";
import { startWorker, type RunningWorker } from "./worker";
import { fastRetrySettings } from "./worker-process-test-support";

const settings = fastRetrySettings;
let kit: ProvisioningKit;
let boss: PgBoss;
const workers: RunningWorker[] = [];

beforeAll(async () => {
  kit = await startProvisioningKit();
  boss = createBoss(process.env.DATABASE_URL!, settings, { schedule: false, supervise: false });
  await boss.start();
  await ensureQueues(boss, settings);
});

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await boss?.stop({ graceful: false });
  await kit?.close();
});

/** A real worker in this process, with fast retries and at most `leaseConflictTries` tries of a busy tenant. */
async function startTestWorker(leaseConflictTries = 2) {
  const worker = await startWorker(kit.db, process.env.DATABASE_URL!, {
    ...settings,
    concurrency: 1,
    runLeaseSeconds: 2,
    reverifyCron: "",
    leaseConflictTries,
  });
  workers.push(worker);
  return worker;
}

const runOf = (runId: string) => kit.db.run.findUniqueOrThrow({ where: { id: runId } });
const auditOf = (runId: string) =>
  kit.db.auditEvent.findMany({
    where: { details: { path: ["runId"], equals: runId } },
    orderBy: { seq: "asc" },
    select: { action: true, outcome: true, details: true },
  });
const endedRun = (runId: string, what: string) =>
  until(
    async () => {
      const run = await runOf(runId);
      return run.status !== "queued" && run.status !== "running" && run;
    },
    { timeoutMs: 60_000, intervalMs: 100, what },
  );
const jobState = async (jobId: string) => (await boss.getJobById(RUN_QUEUE, jobId, { includeArchive: true }))?.state;
const request = (mode: "plan" | "apply") => ({ request: { tenantId: kit.tenant.id, mode }, audit: testAudit });

describe("a run asked for through the queue", { timeout: 120_000 }, () => {
  it("is a queued row at once, audited, and the worker takes that row over instead of making another", async () => {
    const before = await kit.db.run.count({ where: { tenantId: kit.tenant.id } });
    const { runId, jobId } = await enqueueRun(boss, kit.db, request("plan"));
    const queued = await runOf(runId);
    expect(queued).toMatchObject({ status: "queued", mode: "plan", requestedBy: testAudit.actor.email });
    const job = await boss.getJobById(RUN_QUEUE, jobId);
    expect(runJobSchema.parse(job!.data).runId).toBe(runId);
    expect((await auditOf(runId)).map((event) => event.action)).toEqual(["run.queue"]);

    const worker = await startTestWorker();
    const ended = await endedRun(runId, "the plan to end");
    await worker.stop();
    expect(ended.status).toBe("succeeded");
    expect(ended.correlationId).toBe(queued.correlationId);
    expect(ended.startedAt.getTime()).toBeGreaterThanOrEqual(queued.queuedAt.getTime());
    expect(await kit.db.run.count({ where: { tenantId: kit.tenant.id } })).toBe(before + 1);
    expect((await auditOf(runId)).map((event) => event.action)).toEqual(
      expect.arrayContaining(["run.queue", "run.start", "run.finish"]),
    );
  });

  it("in bulk is one row and one job per tenant, in one transaction", async () => {
    const gone = randomUUID();
    const queued = await enqueueRuns(boss, kit.db, {
      tenantIds: [kit.tenant.id, gone],
      mode: "verify",
      audit: testAudit,
    });
    expect(queued).toBe(1);
    const run = await kit.db.run.findFirstOrThrow({
      where: { tenantId: kit.tenant.id, mode: "verify" },
      orderBy: { queuedAt: "desc" },
    });
    expect(run.status).toBe("queued");
    expect(await boss.getQueueSize(RUN_QUEUE)).toBeGreaterThanOrEqual(1);
    await cancelRun(kit.db, testAudit, { runId: run.id, tenantId: kit.tenant.id });
  });

  it("ends failed with the settings' message and an audit record when the tenant's settings cannot run", async () => {
    // Explicit base URLs and no region: nothing says where the SAML2 bearer client's redirect URI is.
    await kit.db.tenant.update({ where: { id: kit.tenant.id }, data: { region: null } });
    try {
      const { runId, jobId } = await enqueueRun(boss, kit.db, request("apply"));
      const worker = await startTestWorker();
      const ended = await endedRun(runId, "the impossible run to end");
      await until(async () => (await jobState(jobId)) === "completed", { timeoutMs: 30_000, what: "the job" });
      await worker.stop();
      expect(ended.status).toBe("failed");
      expect(ended.errorCode).toBe("invalid_input");
      expect(ended.operatorMessage).toMatch(/settings\.redirectUri is required when the tenant has no Genesys Cloud/);
      expect(ended.operatorMessage).toMatch(/Correct the tenant's settings, then run it again\.$/);
      const finish = (await auditOf(runId)).find((event) => event.action === "run.finish");
      expect(finish).toMatchObject({ outcome: "failure", details: { status: "failed", errorCode: "invalid_input" } });
    } finally {
      await kit.db.tenant.update({ where: { id: kit.tenant.id }, data: { region: "eu-west-1" } });
    }
  });

  it("waits queued, saying why, while another run holds the tenant, and ends failed when its tries are used up", async () => {
    const holder = await kit.db.run.create({
      data: {
        tenantId: kit.tenant.id,
        mode: "apply",
        status: "running",
        requestedBy: "someone@example.test",
        correlationId: randomUUID(),
        leaseExpiresAt: new Date(Date.now() + 10 * 60_000),
      },
    });
    try {
      const { runId, jobId } = await enqueueRun(boss, kit.db, request("plan"));
      const worker = await startTestWorker(3);
      const waiting = await until(
        async () => {
          const run = await runOf(runId);
          return run.operatorMessage?.includes("Waiting for it") && run;
        },
        { timeoutMs: 30_000, what: "the run to say it waits" },
      );
      expect(waiting.status).toBe("queued");
      expect(waiting.operatorMessage).toMatch(/Another apply run of .* is in progress.*tried [12] of 3 times\.$/);
      const ended = await endedRun(runId, "the tries to run out");
      await until(async () => (await jobState(jobId)) === "completed", { timeoutMs: 30_000, what: "the job" });
      await worker.stop();
      expect(ended).toMatchObject({ status: "failed", errorCode: "conflict" });
      expect(ended.operatorMessage).toMatch(/Gave up after 3 tries: run it again once the other run has finished\.$/);
      expect((await auditOf(runId)).map((event) => event.action)).toEqual(["run.queue", "run.finish"]);
    } finally {
      await kit.db.run.update({ where: { id: holder.id }, data: { status: "abandoned", finishedAt: new Date() } });
    }
  });

  it("taken over by an attempt that still holds the tenant is waited for, not failed, and resumed once it lets go", async () => {
    const { runId, jobId } = await enqueueRun(boss, kit.db, request("plan"));
    // As if an earlier attempt of this job took the run over and its lease had a few seconds left.
    await kit.db.run.update({
      where: { id: runId },
      data: { status: "running", leaseExpiresAt: new Date(Date.now() + 3_000) },
    });
    const worker = await startTestWorker(2);
    await until(async () => (await jobState(jobId)) === "completed", { timeoutMs: 60_000, what: "the job" });
    await worker.stop();
    expect((await runOf(runId)).status).toBe("abandoned");
    const resumed = await kit.db.run.findFirstOrThrow({
      where: { tenantId: kit.tenant.id, mode: "plan" },
      orderBy: { startedAt: "desc" },
    });
    expect(resumed.id).not.toBe(runId);
    expect(resumed.status).toBe("succeeded");
  });

  it("cancelled while running stops at the next step boundary, in the worker too", async () => {
    // Slow answers, so the run is still going when the cancel comes.
    const faults = (body: object) =>
      fetch(`${kit.genesys.url}/__sandbox/faults`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await faults({ latencyMs: 150 })).status).toBe(200);
    try {
      const { runId } = await enqueueRun(boss, kit.db, request("apply"));
      const worker = await startTestWorker();
      await until(async () => (await kit.db.stepRun.count({ where: { runId, status: "running" } })) > 0, {
        timeoutMs: 30_000,
        what: "the first step to start",
      });
      expect(await cancelRun(kit.db, testAudit, { runId, tenantId: kit.tenant.id })).toEqual({ status: "running" });
      const ended = await endedRun(runId, "the cancelled run to stop");
      await worker.stop();
      expect(ended).toMatchObject({ status: "cancelled", errorCode: "cancelled" });
      expect(ended.operatorMessage).toMatch(/^Cancelled by operator@example\.test before ".+"/);
      const stepRuns = await kit.db.stepRun.findMany({ where: { runId } });
      expect(stepRuns.filter((stepRun) => stepRun.status === "running")).toEqual([]);
      expect(stepRuns.filter((stepRun) => stepRun.status === "succeeded").length).toBeLessThanOrEqual(2);
    } finally {
      await faults({ latencyMs: 0 });
    }
  });

  it("cancelled while queued ends cancelled at once, audited, and its job finds nothing to do", async () => {
    const { runId, jobId } = await enqueueRun(boss, kit.db, request("apply"));
    expect(await cancelRun(kit.db, testAudit, { runId, tenantId: kit.tenant.id })).toEqual({ status: "cancelled" });
    expect(await runOf(runId)).toMatchObject({
      status: "cancelled",
      cancelledBy: testAudit.actor.email,
      operatorMessage: `Cancelled by ${testAudit.actor.email} before it started.`,
    });
    const cancel = (await auditOf(runId)).find((event) => event.action === "run.cancel");
    expect(cancel).toMatchObject({ outcome: "success", details: { wasStatus: "queued" } });
    await expect(cancelRun(kit.db, testAudit, { runId, tenantId: kit.tenant.id })).rejects.toThrow(
      /already ended \(cancelled\)/,
    );

    const worker = await startTestWorker();
    await until(async () => (await jobState(jobId)) === "completed", { timeoutMs: 30_000, what: "the job" });
    await worker.stop();
    expect((await runOf(runId)).status).toBe("cancelled");
    expect(await kit.db.stepRun.count({ where: { runId } })).toBe(0);
  });
});
