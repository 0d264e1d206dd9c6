import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelRun, queueRuns, runTenant } from "@/lib/provisioning";
import { startProvisioningKit, testAudit, type ProvisioningKit } from "@/lib/provisioning/test-support";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit();
});
afterAll(async () => {
  await kit?.close();
});

const canceller = { ...testAudit, actor: { id: "operator-2", email: "canceller@example.test", role: "operator" } };

describe("cancelling a running run", { timeout: 120_000 }, () => {
  it("stops it at the next step boundary: the step under way finishes, no later step starts, the run ends cancelled", async () => {
    const [queued] = await kit.db.$transaction((tx) =>
      queueRuns(tx, testAudit, { tenantIds: [kit.tenant.id], mode: "apply" }),
    );
    const runId = queued!.runId;
    let cancelledDuring: string | undefined;
    const report = await runTenant(
      { tenantId: kit.tenant.id, mode: "apply", runId },
      {
        ...kit.engine,
        hooks: {
          // Asked while the first step that creates something is under way.
          async afterExternalCreate({ stepKey }) {
            if (cancelledDuring) return;
            cancelledDuring = stepKey;
            expect(await cancelRun(kit.db, canceller, { runId, tenantId: kit.tenant.id })).toEqual({
              status: "running",
            });
          },
        },
      },
    );
    expect(cancelledDuring).toBeDefined();
    expect(report.status).toBe("cancelled");
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "cancelled", errorCode: "cancelled", cancelledBy: "canceller@example.test" });
    expect(run.operatorMessage).toMatch(/^Cancelled by canceller@example\.test before ".+": the steps after it/);
    const stepRuns = await kit.db.stepRun.findMany({ where: { runId }, orderBy: { startedAt: "asc" } });
    // The step under way finished, and none started after it.
    expect(stepRuns.filter((stepRun) => stepRun.status !== "skipped").at(-1)).toMatchObject({
      stepKey: cancelledDuring,
      status: "succeeded",
    });
    expect(stepRuns.filter((stepRun) => stepRun.status === "running")).toEqual([]);
    expect(report.steps.at(-1)).toMatchObject({ stepKey: cancelledDuring, status: "succeeded" });
    const events = await kit.db.auditEvent.findMany({
      where: { details: { path: ["runId"], equals: runId }, action: { in: ["run.cancel", "run.finish"] } },
      orderBy: { seq: "asc" },
      select: { action: true, actorEmail: true, details: true },
    });
    expect(events).toMatchObject([
      { action: "run.cancel", actorEmail: "canceller@example.test", details: { wasStatus: "running" } },
      { action: "run.finish", details: { status: "cancelled", errorCode: "cancelled" } },
    ]);

    // Run again, it carries on where the cancelled run stopped.
    const again = await runTenant({ tenantId: kit.tenant.id, mode: "apply" }, kit.engine);
    expect(again.status).toBe("succeeded");
  });

  it("stops a plan before its next step, with the steps read so far reported", async () => {
    let cancelling: Promise<unknown> | undefined;
    const report = await runTenant(
      { tenantId: kit.tenant.id, mode: "plan" },
      {
        ...kit.engine,
        genesys: {
          ...kit.engine.genesys,
          // Asked at the plan's first call to Genesys Cloud, while its first step is under way.
          onCall: () => {
            cancelling ??= kit.db.run
              .findFirstOrThrow({ where: { tenantId: kit.tenant.id, status: "running" } })
              .then((run) => cancelRun(kit.db, canceller, { runId: run.id, tenantId: kit.tenant.id }));
          },
        },
      },
    );
    await cancelling;
    expect(report.status).toBe("cancelled");
    expect(report.steps.length).toBeGreaterThan(0);
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run).toMatchObject({ status: "cancelled", errorCode: "cancelled" });
    expect(run.operatorMessage).toMatch(/^Cancelled by canceller@example\.test before ".+"/);
    expect(await kit.db.stepRun.count({ where: { runId: report.runId } })).toBe(report.steps.length);
  });

  it("whose process died ends it cancelled at once; one that ended cannot be cancelled", async () => {
    const dead = await kit.db.run.create({
      data: {
        tenantId: kit.tenant.id,
        mode: "verify",
        status: "running",
        correlationId: randomUUID(),
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    expect(await cancelRun(kit.db, canceller, { runId: dead.id, tenantId: kit.tenant.id })).toEqual({
      status: "cancelled",
    });
    expect(await kit.db.run.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "cancelled",
      operatorMessage: "Cancelled by canceller@example.test; the process running it had already stopped.",
    });
    const ended = await runTenant({ tenantId: kit.tenant.id, mode: "plan" }, kit.engine);
    await expect(cancelRun(kit.db, canceller, { runId: ended.runId, tenantId: kit.tenant.id })).rejects.toThrow(
      "This run has already ended (succeeded): there is nothing to cancel.",
    );
    await expect(cancelRun(kit.db, canceller, { runId: ended.runId, tenantId: randomUUID() })).rejects.toThrow(
      "This run no longer exists.",
    );
  });
});
