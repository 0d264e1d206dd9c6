import { afterAll, describe, expect, it } from "vitest";
import { until } from "@/test/support/until";
import { applyTenant } from "@/lib/provisioning";
import { startProvisioningKit, testAudit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { enqueueRun } from "./enqueue";
import { createBoss, ensureQueues, RUN_QUEUE } from "./queues";
import { fastRetrySettings, WORKER_LEASE_SECONDS, workerProcesses } from "./worker-process-test-support";

const settings = fastRetrySettings;
const workers = workerProcesses();

/** What a provisioned tenant looks like, without the values that differ between orgs. */
async function finalState(kit: ProvisioningKit) {
  const org = await kit.genesysOrg();
  const transactions = await kit.hybridIntegration();
  const steps = await kit.db.stepState.findMany({
    where: { tenantId: kit.tenant.id },
    select: { stepKey: true, status: true },
  });
  const intents = await kit.db.externalIntent.findMany({
    where: { tenantId: kit.tenant.id },
    select: { kind: true, status: true },
  });
  return {
    clients: org.oauthClients
      .filter((client) => !client.name.startsWith("Bootstrap"))
      .map((client) => `${client.name}|${client.authorizedGrantType}`)
      .sort(),
    provider: org.pureEngage
      ? { autoProvisionUsers: org.pureEngage.autoProvisionUsers, disabled: org.pureEngage.disabled }
      : null,
    employeeJourney: org.roles
      .find((role) => role.defaultRoleId === "employee")!
      .permissionPolicies.filter((policy) => policy.domain === "journey").length,
    transactions: transactions.length,
    steps: Object.fromEntries(steps.map((step) => [step.stepKey, step.status])),
    pendingIntents: intents.filter((intent) => intent.status !== "done").map((intent) => intent.kind),
    sealedSecrets: await kit.db.secret.count({ where: { ownerId: kit.tenant.id } }),
  };
}

const kits: ProvisioningKit[] = [];
afterAll(async () => {
  await workers.killAll();
  await Promise.all(kits.map((kit) => kit.close()));
});

describe("a worker killed with SIGKILL at any moment", { timeout: 240_000 }, () => {
  it("ends, after restarts, in the same state as an uninterrupted run, with no duplicates", async () => {
    const reference = await startProvisioningKit();
    kits.push(reference);
    const uninterrupted = await applyTenant(reference.tenant.id, reference.engine);
    expect(uninterrupted.status).toBe("succeeded");
    const expected = await finalState(reference);

    const kit = await startProvisioningKit();
    kits.push(kit);
    const boss = createBoss(process.env.DATABASE_URL!, settings, { schedule: false, supervise: false });
    await boss.start();
    await ensureQueues(boss, settings);
    const { jobId } = await enqueueRun(boss, kit.db, {
      request: { tenantId: kit.tenant.id, mode: "apply" },
      audit: testAudit,
    });
    const jobState = async () => (await boss.getJobById(RUN_QUEUE, jobId, { includeArchive: true }))?.state;

    // Kill points spread over the run: after 1, 2, 3, 5 and 7 writes reached Genesys Cloud.
    for (const writes of [1, 2, 3, 5, 7]) {
      const worker = workers.start();
      const reached = await until(
        async () =>
          (await kit.genesysWrites()).length >= writes || (await jobState()) === "completed" ? true : undefined,
        { timeoutMs: 90_000, what: `${writes} writes` },
      );
      expect(reached).toBe(true);
      await workers.kill(worker);
      const killedAt = Date.now();
      // The killed worker's run frees its tenant within the lease: nothing renews it any more.
      const latest = await kit.db.run.findFirstOrThrow({
        where: { tenantId: kit.tenant.id },
        orderBy: { startedAt: "desc" },
      });
      if (latest.status === "running")
        expect(latest.leaseExpiresAt.getTime()).toBeLessThanOrEqual(killedAt + WORKER_LEASE_SECONDS * 1000);
      else expect(latest.status).toBe("succeeded");
      if ((await jobState()) === "completed") break;
    }
    const last = workers.start();
    await until(async () => ((await jobState()) === "completed" ? true : undefined), {
      timeoutMs: 120_000,
      what: "the job to complete",
    });
    await workers.kill(last);
    await boss.stop({ graceful: false });

    expect(await finalState(kit)).toEqual(expected);
    const runs = await kit.db.run.findMany({
      where: { tenantId: kit.tenant.id },
      orderBy: { startedAt: "asc" },
      select: { status: true },
    });
    expect(runs.at(-1)!.status).toBe("succeeded");
    expect(runs.length).toBeGreaterThan(1);
  });
});
