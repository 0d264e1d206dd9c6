import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, planTenant, runTenant } from "./engine";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { createTenant } from "../registration/tenants";
import { networkAllowListStep } from "../steps/network-allow-list";
import {
  giveSideEffects,
  startProvisioningKit,
  stepReport,
  stepsOfUnusedServices,
  testAudit,
  withoutUnusedServiceSteps,
  type ProvisioningKit,
} from "../test-support";
import {
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  EWT_CLIENT,
  IDENTITY_PROVIDER,
  NETWORK_ALLOW_LIST,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  SMOKE_TEST,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "../model/step-keys";

let kit: ProvisioningKit;

beforeAll(async () => {
  kit = await startProvisioningKit();
});
afterAll(() => kit.close());

describe("plan", () => {
  it("shows what apply would do on a fresh tenant without touching either sandbox or the tenant's state", async () => {
    const report = await planTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(Object.fromEntries(report.steps.map((step) => [step.stepKey, step.plan?.action]))).toEqual({
      [CONNECT_ORG]: "create",
      [CLIENT_CREDENTIALS_CLIENT]: "create",
      [EWT_CLIENT]: "create",
      [SAML2_BEARER_CLIENT]: "create",
      [SAML_KEY_MATERIAL]: "pending",
      [IDENTITY_PROVIDER]: "pending",
      [EMPLOYEE_ROLE]: "update",
      [ADMIN_USERS]: undefined,
      [TRANSACTION_OBJECT]: "pending",
      [TENANT_ISOLATION]: "check",
      [NETWORK_ALLOW_LIST]: "create",
      [SMOKE_TEST]: "pending",
    });
    const plan = (key: string) => report.steps.find((step) => step.stepKey === key)!.plan!;
    expect(plan(CONNECT_ORG).changes).toContainEqual({ field: "orgShortName", expected: "acme-eu", actual: "" });
    expect(plan(IDENTITY_PROVIDER).waitingFor).toEqual([CONNECT_ORG, SAML_KEY_MATERIAL]);
    expect(plan(EMPLOYEE_ROLE).changes.map((change) => change.expected)).toContain("journey:session:view");

    expect(await kit.genesysWrites()).toEqual([]);
    expect(await kit.gax.control.objectWrites()).toEqual([]);
    // The plan is kept on each step for the checklist and nothing new is marked done: only the isolation check, whose
    // sample agent the operator entered, was done before.
    const states = await kit.db.stepState.findMany({ where: { tenantId: kit.tenant.id } });
    expect(states.filter((state) => state.plannedAt === null).map((state) => state.stepKey)).toEqual([]);
    expect(states.filter((state) => state.status !== "pending").map((state) => state.stepKey)).toEqual([
      TENANT_ISOLATION,
    ]);
    expect(states.find((state) => state.stepKey === IDENTITY_PROVIDER)!.plan).toEqual(plan(IDENTITY_PROVIDER));
    expect(await kit.db.externalIntent.count({ where: { tenantId: kit.tenant.id } })).toBe(0);
    expect(await kit.db.secret.count({ where: { ownerId: kit.tenant.id } })).toBe(2);
  });

  it("shows nothing to change once the tenant is provisioned, and records the run with its step rows", async () => {
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const applied = await kit.db.stepState.findMany({ where: { tenantId: kit.tenant.id, status: "done" } });
    expect(applied.filter((state) => state.plan !== null || state.plannedAt !== null)).toEqual([]);
    const keyMaterial = applied.find((state) => state.stepKey === SAML_KEY_MATERIAL)!.outputs as { notAfter: string };
    expect(
      (await kit.db.tenant.findUniqueOrThrow({ where: { id: kit.tenant.id } })).certificateExpiresAt?.toISOString(),
    ).toBe(keyMaterial.notAfter);
    const report = await planTenant(kit.tenant.id, kit.engine);
    expect(report.steps.filter((step) => step.status !== "skipped").map((step) => step.plan?.action)).toEqual([
      ...Array(8).fill("none"),
      "check",
      "none",
      "check",
    ]);
    const unused = stepsOfUnusedServices(kit.tenant.services);
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId }, include: { stepRuns: true } });
    expect(run).toMatchObject({
      mode: "plan",
      status: "succeeded",
      requestedBy: "operator@example.test",
      correlationId: report.correlationId,
    });
    expect(
      run.stepRuns
        .filter((stepRun) => !unused.includes(stepRun.stepKey))
        .map((stepRun) => stepRun.outcome)
        .sort(),
    ).toEqual([...Array(9).fill("none"), "check", "check", "skipped"].sort());
  });
});

describe("side effects", () => {
  it("are said with the plan of each step that has them, worked out for the tenant", async () => {
    const restore = giveSideEffects(networkAllowListStep, (tenant) => [
      `asks the firewall team of ${tenant.cfgTenantName} to open the hosts`,
    ]);
    try {
      const report = await runTenant(
        { tenantId: kit.tenant.id, mode: "plan", stepKey: NETWORK_ALLOW_LIST },
        kit.engine,
      );
      expect(report.steps).toEqual([
        expect.objectContaining({
          stepKey: NETWORK_ALLOW_LIST,
          status: "succeeded",
          sideEffects: ["asks the firewall team of Acme to open the hosts"],
        }),
      ]);
      expect(report.steps[0]!.plan).toMatchObject({ action: "none" });
    } finally {
      restore();
    }
    const without = await runTenant({ tenantId: kit.tenant.id, mode: "plan", stepKey: NETWORK_ALLOW_LIST }, kit.engine);
    expect(without.steps[0]).not.toHaveProperty("sideEffects");
  });
});

describe("runs of one tenant", () => {
  it("refuses to start while another run holds its lease", async () => {
    const holder = await kit.db.run.create({
      data: {
        tenantId: kit.tenant.id,
        mode: "apply",
        correlationId: "other",
        requestedBy: "someone@example.test",
        leaseExpiresAt: new Date(Date.now() + 60_000),
      },
    });
    const refused = await planTenant(kit.tenant.id, kit.engine).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/Another apply run .* by someone@example\.test/),
    });
    await kit.db.run.update({ where: { id: holder.id }, data: { status: "succeeded" } });
  });

  it("takes over from a run whose process died (lease passed), marking it abandoned", async () => {
    const dead = await kit.db.run.create({
      data: {
        tenantId: kit.tenant.id,
        mode: "apply",
        correlationId: "dead",
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    expect((await planTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    expect(await kit.db.run.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
      status: "abandoned",
      errorCode: "abandoned",
    });
  });

  it("runs a single step on request and names unknown steps", async () => {
    const single = await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey: IDENTITY_PROVIDER }, kit.engine);
    expect(single.steps.map((step) => [step.stepKey, step.verification?.status])).toEqual([[IDENTITY_PROVIDER, "ok"]]);
    await expect(
      runTenant({ tenantId: kit.tenant.id, mode: "apply", stepKey: "no-such-step" }, kit.engine),
    ).rejects.toThrow(/There is no step "no-such-step"/);
  });
});

describe("one org per tenant", () => {
  it("refuses to connect a second tenant to an org another tenant already holds", async () => {
    const second = await createTenant(kit.db, testAudit, {
      deploymentId: kit.deployment.id,
      cfgTenantName: "Globex",
      region: "eu-west-1",
      loginBaseUrl: kit.genesys.url,
      apiBaseUrl: kit.genesys.url,
      bootstrapClientId: kit.tenant.bootstrapClientId,
      bootstrapClientSecret: (await openSecret(kit.db, tenantSecretRef(kit.tenant.id, BOOTSTRAP_SECRET)))!,
    });
    const report = await runTenant({ tenantId: second.id, mode: "apply", stepKey: CONNECT_ORG }, kit.engine);
    expect(report.steps[0]!.error).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/already provisioned for tenant .*\/Acme/),
    });
    expect((await kit.db.tenant.findUniqueOrThrow({ where: { id: second.id } })).orgId).toBeNull();

    // A whole apply goes on after it with the one step that does not need the org, and ends failed.
    const whole = await runTenant({ tenantId: second.id, mode: "apply" }, kit.engine);
    expect(whole.status).toBe("failed");
    const own = withoutUnusedServiceSteps(whole.steps, second.services);
    const byStatus = (status: string) => own.filter((step) => step.status === status).map((step) => step.stepKey);
    // Globex has no Agent Pacing Service (ewt-client skipped); the deployment is multi-tenant (isolation check applies).
    expect(stepReport(whole, EWT_CLIENT).status).toBe("skipped");
    expect(byStatus("skipped")).toEqual([ADMIN_USERS]);
    expect(byStatus("failed")).toEqual([CONNECT_ORG]);
    expect(byStatus("succeeded")).toEqual([NETWORK_ALLOW_LIST]);
    expect(byStatus("not-run")).toEqual([
      CLIENT_CREDENTIALS_CLIENT,
      SAML2_BEARER_CLIENT,
      SAML_KEY_MATERIAL,
      IDENTITY_PROVIDER,
      EMPLOYEE_ROLE,
      TRANSACTION_OBJECT,
      TENANT_ISOLATION,
      SMOKE_TEST,
    ]);
    expect(stepReport(whole, CLIENT_CREDENTIALS_CLIENT).reason).toBe(
      'Not run: it waits for "Connect the Genesys Cloud org", which failed.',
    );
    const states = await kit.db.stepState.findMany({
      where: { tenantId: second.id },
      select: { stepKey: true, status: true },
    });
    expect(Object.fromEntries(states.map((state) => [state.stepKey, state.status]))).toEqual({
      [CONNECT_ORG]: "failed",
      [NETWORK_ALLOW_LIST]: "done",
    });
  });
});
