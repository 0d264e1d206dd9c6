import { afterEach, describe, expect, it } from "vitest";
import { desiredHybridIntegration } from "@/lib/config-server/desired-object";
import { createGaxBridge } from "@/lib/config-server/gax-bridge";
import { sampleInput } from "@/lib/config-server/test-fixtures";
import { openSecret } from "@/lib/secrets/store";
import {
  defaultGaxSeed,
  SANDBOX_ADMIN,
  SANDBOX_AGENT_PASSWORD,
  SANDBOX_AGENT_WITHOUT_ACCESS,
} from "@/sandbox/gax/default-seed";
import { applyTenant, completeStepManually, verifyTenant, type RunReport } from "./engine";
import { tenantSecretRef } from "../model/secret-refs";
import { createTenant } from "../registration/tenants";
import { ISOLATION_AGENT_PASSWORD } from "../steps/tenant-isolation";
import {
  ACME_AGENT,
  startProvisioningKit,
  testAudit,
  type KitOptions,
  type ProvisioningKit,
  stepReport,
} from "../test-support";
import { TENANT_ISOLATION, TRANSACTION_OBJECT, NETWORK_ALLOW_LIST, SMOKE_TEST } from "../model/step-keys";

let kit: ProvisioningKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function started(options: KitOptions = {}) {
  kit = await startProvisioningKit(options);
  return kit;
}

const isolationOf = (report: RunReport) => stepReport(report, TENANT_ISOLATION);
const NO_ACCESS = { username: SANDBOX_AGENT_WITHOUT_ACCESS.username, password: SANDBOX_AGENT_WITHOUT_ACCESS.password };
const GRANT =
  "Grant Read and Execute on the application object 'GAX' (Environment > Applications) to acme.noaccess " +
  "or its access group, and Read on its own Person";

async function globexTenant(kit: ProvisioningKit) {
  return createTenant(kit.db, testAudit, {
    deploymentId: kit.deployment.id,
    cfgTenantName: "Globex",
    region: "eu-west-1",
    bootstrapClientId: "globex-bootstrap",
    bootstrapClientSecret: "globex-bootstrap-secret",
  });
}
const statusOf = (report: RunReport, stepKey: string) => stepReport(report, stepKey).status;

describe("the tenant isolation check", () => {
  it("passes when the tenant's sample agent sees only its own hybrid_integration; the password is sealed and never audited", async () => {
    const { db, tenant, engine } = await started();
    const applied = await applyTenant(tenant.id, engine);
    expect(applied.status).toBe("succeeded");
    expect(isolationOf(applied)).toMatchObject({
      status: "succeeded",
      result: "checked",
      changes: [
        expect.stringMatching(
          /acme\.agent1 sees only Acme's hybrid_integration, and no other tenant's agent saw it at its last check\.$/,
        ),
      ],
    });
    const state = await db.stepState.findUniqueOrThrow({
      where: { tenantId_stepKey: { tenantId: tenant.id, stepKey: TENANT_ISOLATION } },
    });
    expect(state).toMatchObject({
      status: "done",
      manual: true,
      outputs: { agentUsername: "acme.agent1", passwordIsEncrypted: false, seesTenants: ["Acme"] },
    });
    expect(await openSecret(db, tenantSecretRef(tenant.id, ISOLATION_AGENT_PASSWORD))).toBe(ACME_AGENT.password);
    const events = await db.auditEvent.findMany({ where: { targetId: tenant.id } });
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(ACME_AGENT.password);
    expect(isolationOf(await verifyTenant(tenant.id, engine, TENANT_ISOLATION)).verification).toMatchObject({
      status: "ok",
      differences: [],
    });
  });

  it("says the stored agent could not sign in, not that the ACLs leak, when GAX refuses its password", async () => {
    const { tenant, engine } = await started({
      isolationAgent: { username: "acme.agent1", password: "changed-since" },
    });
    const applied = await applyTenant(tenant.id, engine);
    const error = isolationOf(applied).error!;
    expect(error).toMatchObject({
      code: "precondition_failed",
      message: expect.stringMatching(/^Sample agent acme\.agent1 could not check: GAX refused the sign-in/),
    });
    expect(error.message).toContain("enter the agent again (complete this step by hand)");
    expect(error.message).not.toContain("access control");
  });

  it("fails on a leaking ACL and names the leak: the agent can read another tenant's object", async () => {
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments[0]!.acl!.push({
      on: { type: "CfgFolder", tenant: "Globex", name: "Transactions" },
      account: { accessGroup: "Users", tenant: "Acme" },
      mask: 1,
    });
    const { tenant, engine, gax } = await started({ gaxSeed: seed });
    const bridge = createGaxBridge({
      baseUrl: gax.sandbox.deploymentUrls.multi!,
      username: SANDBOX_ADMIN.username,
      password: SANDBOX_ADMIN.password,
    });
    await bridge.applyHybridIntegration("Globex", desiredHybridIntegration(sampleInput({ orgShortName: "globex" })));
    await bridge.close();

    const applied = await applyTenant(tenant.id, engine);
    expect(applied.status).toBe("failed");
    expect(isolationOf(applied).error).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/acme\.agent1 \(Acme\) can read the hybrid_integration of Globex/),
    });
    // The steps after it that do not depend on it still run.
    expect(statusOf(applied, NETWORK_ALLOW_LIST)).toBe("succeeded");
    expect(statusOf(applied, SMOKE_TEST)).toBe("succeeded");
    expect(isolationOf(await verifyTenant(tenant.id, engine, TENANT_ISOLATION)).verification).toMatchObject({
      status: "drifted",
      differences: [
        {
          field: "acme.agent1 (Acme)",
          expected: "sees only its own tenant's hybrid_integration",
          actual: "can read the hybrid_integration of Globex",
        },
      ],
    });
  });

  it("checks the other direction too, from what the other tenants' agents saw at their last checks", async () => {
    const seed = structuredClone(defaultGaxSeed);
    // Acme's users may read Globex's Transactions folder: Globex's own agent sees only Globex, Acme's agent sees both.
    seed.deployments[0]!.acl!.push({
      on: { type: "CfgFolder", tenant: "Globex", name: "Transactions" },
      account: { accessGroup: "Users", tenant: "Acme" },
      mask: 1,
    });
    const { db, deployment, tenant, engine, gax } = await started({ gaxSeed: seed });
    const bridge = createGaxBridge({
      baseUrl: gax.sandbox.deploymentUrls.multi!,
      username: SANDBOX_ADMIN.username,
      password: SANDBOX_ADMIN.password,
    });
    await bridge.applyHybridIntegration("Acme", desiredHybridIntegration(sampleInput({ orgShortName: "acme" })));
    await bridge.applyHybridIntegration("Globex", desiredHybridIntegration(sampleInput({ orgShortName: "globex" })));
    await bridge.close();
    const globex = await createTenant(db, testAudit, {
      deploymentId: deployment.id,
      cfgTenantName: "Globex",
      region: "eu-west-1",
      bootstrapClientId: "globex-bootstrap",
      bootstrapClientSecret: "globex-bootstrap-secret",
    });
    const report = await completeStepManually(
      {
        tenantId: globex.id,
        stepKey: TENANT_ISOLATION,
        values: { username: "globex.agent1", password: SANDBOX_AGENT_PASSWORD },
      },
      engine,
    );
    expect(report.status).toBe("succeeded");
    // Globex's own agent sees only Globex, and Acme's agent has not been checked yet.
    expect(isolationOf(await verifyTenant(globex.id, engine, TENANT_ISOLATION)).verification?.status).toBe("ok");

    // Acme's check finds the leak from its side and records what its agent saw ...
    expect(isolationOf(await verifyTenant(tenant.id, engine, TENANT_ISOLATION)).verification?.differences).toEqual([
      {
        field: "acme.agent1 (Acme)",
        expected: "sees only its own tenant's hybrid_integration",
        actual: "can read the hybrid_integration of Globex",
      },
    ]);
    const acmeState = await db.stepState.findUniqueOrThrow({
      where: { tenantId_stepKey: { tenantId: tenant.id, stepKey: TENANT_ISOLATION } },
    });
    expect(acmeState.outputs).toMatchObject({
      agentUsername: "acme.agent1",
      seesTenants: ["Acme", "Globex"],
      checkedAt: expect.any(String),
    });

    // ... and Globex's next check names it from Globex's side, without signing in as Acme's agent.
    const sessionsBefore = (await gax.control.state()).requests.filter((request) =>
      request.path.endsWith("session/login"),
    ).length;
    const verification = isolationOf(await verifyTenant(globex.id, engine, TENANT_ISOLATION)).verification!;
    expect(verification.status).toBe("drifted");
    expect(verification.differences).toEqual([
      {
        field: "acme.agent1 (Acme)",
        expected: "cannot read Globex's hybrid_integration",
        actual: expect.stringMatching(/^could read the hybrid_integration of Globex \(its check of \d{4}-/),
      },
    ]);
    // Two sessions: the bridge's own and Globex's agent; Acme's agent does not sign in again.
    expect(
      (await gax.control.state()).requests.filter((request) => request.path.endsWith("session/login")).length -
        sessionsBefore,
    ).toBe(2);
  });

  it("passes in both directions when the other tenants' agents saw only their own objects", async () => {
    const { db, deployment, tenant, engine, gax } = await started();
    const bridge = createGaxBridge({
      baseUrl: gax.sandbox.deploymentUrls.multi!,
      username: SANDBOX_ADMIN.username,
      password: SANDBOX_ADMIN.password,
    });
    await bridge.applyHybridIntegration("Globex", desiredHybridIntegration(sampleInput({ orgShortName: "globex" })));
    await bridge.close();
    const globex = await createTenant(db, testAudit, {
      deploymentId: deployment.id,
      cfgTenantName: "Globex",
      region: "eu-west-1",
      bootstrapClientId: "globex-bootstrap",
      bootstrapClientSecret: "globex-bootstrap-secret",
    });
    expect(
      (
        await completeStepManually(
          {
            tenantId: globex.id,
            stepKey: TENANT_ISOLATION,
            values: { username: "globex.agent1", password: SANDBOX_AGENT_PASSWORD },
          },
          engine,
        )
      ).status,
    ).toBe("succeeded");

    const applied = await applyTenant(tenant.id, engine);
    expect(isolationOf(applied)).toMatchObject({
      status: "succeeded",
      changes: [
        expect.stringMatching(/acme\.agent1 sees only Acme's hybrid_integration, and no other tenant's agent saw it/),
      ],
    });
  });

  it("refuses a sample agent that cannot sign in, without echoing the password", async () => {
    const { db, tenant, engine } = await started({ isolationAgent: false });
    const report = await completeStepManually(
      {
        tenantId: tenant.id,
        stepKey: TENANT_ISOLATION,
        values: { username: "acme.agent1", password: "not-the-agent-pass" },
      },
      engine,
    );
    expect(report.status).toBe("failed");
    expect(report.steps[0]!.error).toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/Sample agent acme\.agent1: could not check: GAX refused the sign-in/),
    });
    expect(JSON.stringify(report)).not.toContain("not-the-agent-pass");
    expect(await openSecret(db, tenantSecretRef(tenant.id, ISOLATION_AGENT_PASSWORD))).toBeUndefined();
  });

  it("names the missing field and rule of bad agent input", async () => {
    const { tenant, engine } = await started({ isolationAgent: false });
    await expect(
      completeStepManually(
        { tenantId: tenant.id, stepKey: TENANT_ISOLATION, values: { username: " ", password: "x" } },
        engine,
      ),
    ).rejects.toThrow(/username.*must not be empty/);
  });

  it("waits for a sample agent without holding back the steps that do not depend on it", async () => {
    const { db, tenant, engine } = await started({ isolationAgent: false });
    const applied = await applyTenant(tenant.id, engine);
    const message =
      'Enter a sample agent of tenant "Acme" (username and password, complete this step by hand) so the isolation check can sign in as it.';
    expect(applied.status).toBe("needs-input");
    expect(isolationOf(applied)).toEqual({
      stepKey: TENANT_ISOLATION,
      title: "Tenant isolation check",
      status: "needs-input",
      needsInput: { input: "a sample agent of this tenant (GAX username and password)", message },
    });
    // Everything else ran: the network allow-list and the smoke test do not depend on the isolation check.
    const others = applied.steps.filter((step) => step.stepKey !== TENANT_ISOLATION && step.status !== "skipped");
    expect(others.map((step) => [step.stepKey, step.status])).toEqual(
      others.map((step) => [step.stepKey, "succeeded"]),
    );
    expect(others.map((step) => step.stepKey)).toEqual(
      expect.arrayContaining([TRANSACTION_OBJECT, NETWORK_ALLOW_LIST, SMOKE_TEST]),
    );

    const state = await db.stepState.findUniqueOrThrow({
      where: { tenantId_stepKey: { tenantId: tenant.id, stepKey: TENANT_ISOLATION } },
    });
    expect(state).toMatchObject({ status: "needs-input", errorCode: null });
    const stepRun = await db.stepRun.findFirstOrThrow({ where: { runId: applied.runId, stepKey: TENANT_ISOLATION } });
    expect(stepRun).toMatchObject({
      status: "needs-input",
      errorCode: null,
      operatorMessage: message,
      finishedAt: expect.any(Date),
    });
    const run = await db.run.findUniqueOrThrow({ where: { id: applied.runId } });
    expect(run).toMatchObject({ status: "needs-input", errorCode: null, operatorMessage: message });
    expect((run.summary as { steps: Record<string, string> }).steps).toMatchObject({
      [TENANT_ISOLATION]: "needs-input",
      [NETWORK_ALLOW_LIST]: "created",
      [SMOKE_TEST]: "checked",
    });

    const events = await db.auditEvent.findMany({
      where: { targetId: tenant.id, action: { in: ["step.needs_input", "step.fail", "run.finish"] } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => [event.action, event.outcome])).toEqual([
      ["step.needs_input", "failure"],
      ["run.finish", "failure"],
    ]);
    expect(events[0]!.details).toEqual({
      runId: applied.runId,
      correlationId: applied.correlationId,
      step: TENANT_ISOLATION,
      input: "a sample agent of this tenant (GAX username and password)",
      message,
    });
    expect(events[1]!.details).toMatchObject({ status: "needs-input" });

    expect(isolationOf(await verifyTenant(tenant.id, engine, TENANT_ISOLATION)).verification).toEqual({
      status: "missing",
      differences: [{ field: "sample agent", expected: "entered", actual: "" }],
    });
    // Once the agent is entered, the next apply passes.
    expect(
      (await completeStepManually({ tenantId: tenant.id, stepKey: TENANT_ISOLATION, values: ACME_AGENT }, engine))
        .status,
    ).toBe("succeeded");
    expect((await applyTenant(tenant.id, engine)).status).toBe("succeeded");
  });

  it("counts the attempts at a step until it succeeds, then starts again at one", async () => {
    const { db, tenant, engine } = await started({ isolationAgent: false });
    const attemptsOfLastApply = async () =>
      (
        await db.stepRun.findFirstOrThrow({
          where: { stepKey: TENANT_ISOLATION, run: { tenantId: tenant.id, mode: "apply" } },
          orderBy: { startedAt: "desc" },
        })
      ).attempts;
    expect((await applyTenant(tenant.id, engine)).status).toBe("needs-input");
    expect(await attemptsOfLastApply()).toBe(1);
    expect((await applyTenant(tenant.id, engine, TENANT_ISOLATION)).status).toBe("needs-input");
    expect(await attemptsOfLastApply()).toBe(2);
    expect((await applyTenant(tenant.id, engine, TENANT_ISOLATION)).status).toBe("needs-input");
    expect(await attemptsOfLastApply()).toBe(3);
    // Entering the agent by hand is a success of the step: the next apply is a first attempt again.
    expect(
      (await completeStepManually({ tenantId: tenant.id, stepKey: TENANT_ISOLATION, values: ACME_AGENT }, engine))
        .status,
    ).toBe("succeeded");
    expect((await applyTenant(tenant.id, engine, TENANT_ISOLATION)).status).toBe("succeeded");
    expect(await attemptsOfLastApply()).toBe(1);
  });

  it("keeps a step that waits for its sample agent waiting, with the reason, when the agent entered is refused", async () => {
    const { db, tenant, engine } = await started({ isolationAgent: false });
    expect((await applyTenant(tenant.id, engine)).status).toBe("needs-input");
    const report = await completeStepManually(
      { tenantId: tenant.id, stepKey: TENANT_ISOLATION, values: NO_ACCESS },
      engine,
    );
    const message = `Sample agent acme.noaccess may not sign in to GAX. ${GRANT}.`;
    expect(report.status).toBe("needs-input");
    expect(report.steps[0]).toMatchObject({ status: "needs-input", needsInput: { message } });
    const key = { tenantId: tenant.id, stepKey: TENANT_ISOLATION };
    const state = await db.stepState.findUniqueOrThrow({ where: { tenantId_stepKey: key } });
    expect(state).toMatchObject({ status: "needs-input", errorCode: null });
  });

  it("refuses a sample agent GAX does not admit, and says what to grant on which object", async () => {
    const { db, tenant, engine } = await started({ isolationAgent: false });
    const report = await completeStepManually(
      { tenantId: tenant.id, stepKey: TENANT_ISOLATION, values: NO_ACCESS },
      engine,
    );
    expect(report.status).toBe("failed");
    const message = `Sample agent acme.noaccess may not sign in to GAX. ${GRANT}.`;
    expect(report.steps[0]!.error).toEqual({ code: "invalid_input", message });
    expect(await openSecret(db, tenantSecretRef(tenant.id, ISOLATION_AGENT_PASSWORD))).toBeUndefined();
  });

  it("stops apply, and verify reports it, when the stored sample agent may not sign in to GAX", async () => {
    const { tenant, engine } = await started({ isolationAgent: NO_ACCESS });
    const applied = await applyTenant(tenant.id, engine);
    expect(isolationOf(applied).error).toEqual({
      code: "precondition_failed",
      message: `Sample agent acme.noaccess may not sign in to GAX. ${GRANT}, then apply again.`,
    });
    expect(isolationOf(await verifyTenant(tenant.id, engine, TENANT_ISOLATION)).verification).toEqual({
      status: "drifted",
      differences: [
        {
          field: "sample agent",
          expected: 'a person of tenant "Acme" that may sign in to GAX',
          actual: `acme.noaccess may not sign in to GAX. ${GRANT}`,
        },
      ],
    });
  });

  it("refuses another tenant's agent as sample agent, naming the agent's tenant and the expected one", async () => {
    kit = await startProvisioningKit();
    const globex = await globexTenant(kit);
    const report = await completeStepManually(
      { tenantId: globex.id, stepKey: TENANT_ISOLATION, values: ACME_AGENT },
      kit.engine,
    );
    expect(report.status).toBe("failed");
    expect(report.steps[0]!.error).toEqual({
      code: "invalid_input",
      message:
        'Sample agent acme.agent1 is a person of tenant "Acme", not of "Globex": ' + "enter a sample agent of Globex.",
    });
    expect(await openSecret(kit.db, tenantSecretRef(globex.id, ISOLATION_AGENT_PASSWORD))).toBeUndefined();
  });

  it("stops apply and verify when the stored agent belongs to another tenant, recording nothing it saw", async () => {
    const globexAgent = { username: "globex.agent1", password: SANDBOX_AGENT_PASSWORD };
    const { db, tenant, engine } = await started({ isolationAgent: globexAgent });
    const applied = await applyTenant(tenant.id, engine);
    expect(isolationOf(applied).error).toEqual({
      code: "precondition_failed",
      message:
        'Sample agent globex.agent1 is a person of tenant "Globex", not of "Acme": enter a sample agent of Acme ' +
        "(complete this step by hand).",
    });
    expect(isolationOf(await verifyTenant(tenant.id, engine, TENANT_ISOLATION)).verification).toEqual({
      status: "drifted",
      differences: [
        {
          field: "sample agent",
          expected: 'a person of tenant "Acme" that may sign in to GAX',
          actual: 'globex.agent1 is a person of tenant "Globex", not of "Acme": enter a sample agent of Acme',
        },
      ],
    });
    const where = { tenantId_stepKey: { tenantId: tenant.id, stepKey: TENANT_ISOLATION } };
    const { outputs } = await db.stepState.findUniqueOrThrow({ where });
    expect(outputs).toEqual({ agentUsername: "globex.agent1", passwordIsEncrypted: false });
  });
});

describe("the transaction object never writes into another tenant", () => {
  it("stops when GAX, ignoring tenantdbid, answers Acme's lookup with Globex's hybrid_integration", async () => {
    const seed = structuredClone(defaultGaxSeed);
    const multi = seed.deployments[0]!;
    multi.ignoredQueryParameters = ["tenantdbid"];
    const userProperties = { general: { organization_sname: "globex" } };
    const name = "hybrid_integration";
    multi.transactions = [{ tenant: "Globex", name, alias: name, userProperties }];
    const { engine, tenant, gax } = await started({ gaxSeed: seed });
    const before = await gax.control.objects("multi", "CfgTransaction");

    const applied = await applyTenant(tenant.id, engine);
    expect(applied.status).toBe("failed");
    expect(stepReport(applied, TRANSACTION_OBJECT).error).toMatchObject({
      code: "gax.tenant-mismatch",
      message: expect.stringMatching(
        /^GAX answered the lookup of hybrid_integration in tenant "Acme" with the one of tenant "Globex" \(DBID \d+\)/,
      ),
    });
    expect(await gax.control.objects("multi", "CfgTransaction")).toEqual(before);
    expect(await gax.control.objectWrites()).toEqual([]);
  });
});
