import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeCatalogue,
  applyTenant,
  planTenant,
  networkAllowListStep,
  queueRuns,
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EWT_CLIENT,
  NETWORK_ALLOW_LIST,
  SAML_KEY_MATERIAL,
  SAML2_BEARER_CLIENT,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "@/lib/provisioning";
import {
  giveSideEffects,
  startProvisioningKit,
  testAudit,
  type ProvisioningKit,
} from "@/lib/provisioning/test-support";
import { openSecret } from "@/lib/secrets/store";
import { loadTenantChecklist } from "./checklist";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit();
});
afterAll(() => kit.close());

describe("tenant checklist", () => {
  it("is null for an unknown tenant", async () => {
    expect(await loadTenantChecklist(kit.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("lists the whole catalogue in order, grouped by phase, before apply", async () => {
    const checklist = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    expect(checklist.phases.flatMap((phase) => phase.steps.map((step) => step.key))).toEqual(
      describeCatalogue().map((step) => step.key),
    );
    expect(checklist.phases.every((phase) => phase.steps.every((step) => step.phase === phase.phase))).toBe(true);
    const states = new Set(
      (await kit.db.stepState.findMany({ where: { tenantId: kit.tenant.id } })).map((state) => state.stepKey),
    );
    const untouched = checklist.phases
      .flatMap((phase) => phase.steps)
      .filter((step) => step.applies && !states.has(step.key));
    expect(untouched.length).toBeGreaterThan(5);
    expect(untouched.every((step) => step.status === "not-started" && step.lastStepRun === null)).toBe(true);
    expect(checklist.summary.done).toBe(states.size);
    expect(checklist.summary.status).toMatch(/^(not-started|in-progress)$/);
  });

  it("carries each step's last plan: the diff of a step that can run, the titles a pending step waits for", async () => {
    expect((await planTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const steps = (await loadTenantChecklist(kit.db, kit.tenant.id))!.phases.flatMap((phase) => phase.steps);
    const connect = steps.find((step) => step.key === CONNECT_ORG)!;
    expect(connect.plan).toMatchObject({ action: "create", waitingFor: [], plannedAt: expect.any(String) });
    expect(connect.plan!.changes).toContainEqual({ field: "orgShortName", expected: kit.orgShortName, actual: "" });
    // Secrets arrive masked from the engine.
    const client = steps.find((step) => step.key === CLIENT_CREDENTIALS_CLIENT)!;
    expect(client.plan).toMatchObject({ action: "create", waitingFor: [] });
    expect(client.plan!.changes).toContainEqual({ field: "secret", expected: "********", actual: "" });
    const transactionObject = steps.find((step) => step.key === TRANSACTION_OBJECT)!;
    expect(transactionObject.plan).toMatchObject({ action: "pending", changes: [] });
    expect(transactionObject.plan!.waitingFor).toContain(connect.title);
  });

  it("after apply: every applicable step done with outputs and its last step run, the run in the history, no secret anywhere", async () => {
    const runsBefore = await kit.db.run.count({ where: { tenantId: kit.tenant.id } });
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    const checklist = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    const steps = checklist.phases.flatMap((phase) => phase.steps);
    const applicable = steps.filter((step) => step.applies);
    expect(checklist.summary).toMatchObject({ done: applicable.length, total: applicable.length, status: "done" });
    expect(
      applicable.every(
        (step) =>
          step.status === "done" && step.lastStepRun?.mode === "apply" && step.lastStepRun.status === "succeeded",
      ),
    ).toBe(true);
    expect(steps.find((step) => step.key === CONNECT_ORG)!.outputs).not.toEqual({});
    expect(checklist.tenant.orgShortName).toBe(kit.orgShortName);
    expect(checklist.latestRun).toMatchObject({
      id: report.runId,
      mode: "apply",
      stepKey: null,
      status: "succeeded",
      requestedBy: expect.any(String),
    });
    expect(checklist.runActive).toBe(false);
    expect(checklist.runs).toHaveLength(runsBefore + 1);

    expect(applicable.every((step) => step.plan === null)).toBe(true);
    const keyMaterial = steps.find((step) => step.key === SAML_KEY_MATERIAL)!;
    expect(keyMaterial.secrets.map((secret) => secret.label).sort()).toEqual([
      "encrypted key",
      "key password",
      "private key",
    ]);
    expect(steps.find((step) => step.key === SAML2_BEARER_CLIENT)!.secrets).toEqual([
      { purpose: "saml2-bearer-client.client-secret", label: "client secret" },
    ]);
    expect(steps.flatMap((step) => step.secrets).some((secret) => secret.purpose === "bootstrap-client-secret")).toBe(
      false,
    );

    const json = JSON.stringify(checklist);
    const secrets = await kit.db.secret.findMany({
      where: { ownerId: kit.tenant.id },
      select: { ownerType: true, ownerId: true, purpose: true },
    });
    expect(secrets.length).toBeGreaterThan(3);
    for (const ref of secrets) {
      const value = await openSecret(kit.db, ref);
      if (value && value.length >= 8) expect(json, ref.purpose).not.toContain(value);
    }
  });
});

describe("tenant checklist of a tenant whose isolation check needs a sample agent", () => {
  let waiting: ProvisioningKit;
  beforeAll(async () => {
    waiting = await startProvisioningKit({ isolationAgent: false });
  });
  afterAll(() => waiting.close());
  const stepsOf = async () =>
    (await loadTenantChecklist(waiting.db, waiting.tenant.id))!.phases.flatMap((phase) => phase.steps);

  it("shows a step not run after a failure with the step it waits for", async () => {
    const failing = {
      ...waiting.engine,
      hooks: {
        afterExternalCreate: ({ stepKey }: { stepKey: string }) => {
          if (stepKey === CLIENT_CREDENTIALS_CLIENT) throw new Error("stopped after the create");
        },
      },
    };
    expect((await applyTenant(waiting.tenant.id, failing)).status).toBe("failed");
    const steps = await stepsOf();
    const ewt = steps.find((step) => step.key === EWT_CLIENT)!;
    expect(ewt.status).toBe("not-started");
    expect(ewt.lastStepRun).toMatchObject({
      mode: "apply",
      status: "skipped",
      outcome: "not-run",
      operatorMessage: 'Not run: it waits for "PureEngage Client Credentials client", which failed.',
    });
    expect(steps.find((step) => step.key === NETWORK_ALLOW_LIST)!.status).toBe("done");
  });

  it("shows the step that needs input as such, not failed, with its manual completion form, and the tenant as needing input", async () => {
    const report = await applyTenant(waiting.tenant.id, waiting.engine);
    expect(report.status).toBe("needs-input");
    const checklist = (await loadTenantChecklist(waiting.db, waiting.tenant.id))!;
    const steps = checklist.phases.flatMap((phase) => phase.steps);
    const isolation = steps.find((step) => step.key === TENANT_ISOLATION)!;
    expect(isolation).toMatchObject({
      status: "needs-input",
      errorCode: null,
      manualCompletion: "a sample agent of this tenant (GAX username and password) for the isolation check",
      lastStepRun: {
        mode: "apply",
        status: "needs-input",
        operatorMessage: expect.stringMatching(/^Enter a sample agent of tenant "Acme"/),
      },
    });
    expect(isolation.manualFields!.map((field) => field.name)).toEqual(["username", "password", "passwordIsEncrypted"]);
    expect(
      steps.filter((step) => step.applies && step.key !== TENANT_ISOLATION).every((step) => step.status === "done"),
    ).toBe(true);
    expect(checklist.summary.status).toBe("needs-input");
    expect(checklist.summary.phases.find((phase) => phase.phase === "on-premises")!.status).toBe("needs-input");
    expect(checklist.latestRun).toMatchObject({
      id: report.runId,
      status: "needs-input",
      operatorMessage: expect.stringMatching(/^Enter a sample agent/),
    });
  });

  it("carries each step's side effects, and the notices of its last plan", async () => {
    const restore = giveSideEffects(networkAllowListStep, (tenant) => [
      `asks the firewall team of ${tenant.cfgTenantName} to open four hosts`,
    ]);
    try {
      await waiting.db.stepState.update({
        where: { tenantId_stepKey: { tenantId: waiting.tenant.id, stepKey: NETWORK_ALLOW_LIST } },
        data: {
          plan: { action: "none", changes: [], notices: ["the region has a fifth host since the last apply"] },
          plannedAt: new Date(),
        },
      });
      const steps = await stepsOf();
      const network = steps.find((step) => step.key === NETWORK_ALLOW_LIST)!;
      expect(network.sideEffects).toEqual(["asks the firewall team of Acme to open four hosts"]);
      expect(network.plan).toMatchObject({
        action: "none",
        notices: ["the region has a fifth host since the last apply"],
      });
      // A step that does not apply to the tenant says nothing.
      expect(steps.find((step) => step.key === ADMIN_USERS)!.sideEffects).toEqual([]);
    } finally {
      restore();
    }
  });
});

describe("tenant checklist's current run", () => {
  it("is the queued run, with when it was asked for, until one runs; a running one comes first", async () => {
    const [queued] = await kit.db.$transaction((tx) =>
      queueRuns(tx, testAudit, { tenantIds: [kit.tenant.id], mode: "verify" }),
    );
    const waiting = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    expect(waiting.currentRun).toMatchObject({ id: queued!.runId, status: "queued", cancelRequested: false });
    expect(Date.parse(waiting.currentRun!.queuedAt)).toBeLessThanOrEqual(Date.parse(waiting.checkedAt));
    expect(waiting.runActive).toBe(false);

    const running = await kit.db.run.create({
      data: {
        tenantId: kit.tenant.id,
        mode: "apply",
        status: "running",
        correlationId: randomUUID(),
        startedAt: new Date(Date.now() - 60_000),
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const both = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    expect(both.currentRun).toMatchObject({ id: running.id, status: "running" });
    expect(both.runActive).toBe(true);
    await kit.db.run.updateMany({
      where: { id: { in: [running.id, queued!.runId] } },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    const ended = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    expect(ended.currentRun).toBeNull();
    expect(ended.runs.find((run) => run.id === queued!.runId)).toMatchObject({ status: "cancelled" });
  });
});
