import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, planTenant, runTenant } from "./engine";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { createTenant } from "../registration/tenants";
import { networkAllowListStep } from "../steps/network-allow-list";
import { giveSideEffects, startProvisioningKit, stepsOfUnusedServices, testAudit, withoutUnusedServiceSteps, type ProvisioningKit } from "../test-support";

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
      "connect-org": "create",
      "client-credentials-client": "create",
      "ewt-client": "create",
      "saml2-bearer-client": "create",
      "saml-key-material": "pending",
      "identity-provider": "pending",
      "employee-role": "update",
      "admin-users": undefined,
      "transaction-object": "pending",
      "tenant-isolation": "check",
      "network-allow-list": "create",
      "smoke-test": "pending",
    });
    const plan = (key: string) => report.steps.find((step) => step.stepKey === key)!.plan!;
    expect(plan("connect-org").changes).toContainEqual({ field: "orgShortName", expected: "acme-eu", actual: "" });
    expect(plan("identity-provider").waitingFor).toEqual(["connect-org", "saml-key-material"]);
    expect(plan("employee-role").changes.map((change) => change.expected)).toContain("journey:session:view");

    expect(await kit.genesysWrites()).toEqual([]);
    expect(await kit.gax.control.objectWrites()).toEqual([]);
    // The plan is kept on each step for the checklist and nothing new is marked done: only the isolation check, whose
    // sample agent the operator entered, was done before.
    const states = await kit.db.stepState.findMany({ where: { tenantId: kit.tenant.id } });
    expect(states.filter((state) => state.plannedAt === null).map((state) => state.stepKey)).toEqual([]);
    expect(states.filter((state) => state.status !== "pending").map((state) => state.stepKey)).toEqual(["tenant-isolation"]);
    expect(states.find((state) => state.stepKey === "identity-provider")!.plan).toEqual(plan("identity-provider"));
    expect(await kit.db.externalIntent.count({ where: { tenantId: kit.tenant.id } })).toBe(0);
    expect(await kit.db.secret.count({ where: { ownerId: kit.tenant.id } })).toBe(2);
  });

  it("shows nothing to change once the tenant is provisioned, and records the run with its step rows", async () => {
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const applied = await kit.db.stepState.findMany({ where: { tenantId: kit.tenant.id, status: "done" } });
    expect(applied.filter((state) => state.plan !== null || state.plannedAt !== null)).toEqual([]);
    const keyMaterial = applied.find((state) => state.stepKey === "saml-key-material")!.outputs as { notAfter: string };
    expect((await kit.db.tenant.findUniqueOrThrow({ where: { id: kit.tenant.id } })).certificateExpiresAt?.toISOString()).toBe(keyMaterial.notAfter);
    const report = await planTenant(kit.tenant.id, kit.engine);
    expect(report.steps.filter((step) => step.status !== "skipped").map((step) => step.plan?.action)).toEqual([...Array(8).fill("none"), "check", "none", "check"]);
    const unused = stepsOfUnusedServices(kit.tenant.services);
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId }, include: { stepRuns: true } });
    expect(run).toMatchObject({ mode: "plan", status: "succeeded", requestedBy: "operator@example.test", correlationId: report.correlationId });
    expect(run.stepRuns.filter((stepRun) => !unused.includes(stepRun.stepKey)).map((stepRun) => stepRun.outcome).sort()).toEqual([...Array(9).fill("none"), "check", "check", "skipped"].sort());
  });
});

describe("side effects", () => {
  it("are said with the plan of each step that has them, worked out for the tenant", async () => {
    const restore = giveSideEffects(networkAllowListStep, (tenant) => [`asks the firewall team of ${tenant.cfgTenantName} to open the hosts`]);
    try {
      const report = await runTenant({ tenantId: kit.tenant.id, mode: "plan", stepKey: "network-allow-list" }, kit.engine);
      expect(report.steps).toEqual([expect.objectContaining({ stepKey: "network-allow-list", status: "succeeded", sideEffects: ["asks the firewall team of Acme to open the hosts"] })]);
      expect(report.steps[0]!.plan).toMatchObject({ action: "none" });
    } finally {
      restore();
    }
    const without = await runTenant({ tenantId: kit.tenant.id, mode: "plan", stepKey: "network-allow-list" }, kit.engine);
    expect(without.steps[0]).not.toHaveProperty("sideEffects");
  });
});

describe("runs of one tenant", () => {
  it("refuses to start while another run holds its lease", async () => {
    const holder = await kit.db.run.create({
      data: { tenantId: kit.tenant.id, mode: "apply", correlationId: "other", requestedBy: "someone@example.test", leaseExpiresAt: new Date(Date.now() + 60_000) },
    });
    const refused = await planTenant(kit.tenant.id, kit.engine).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", message: expect.stringMatching(/Another apply run .* by someone@example\.test/) });
    await kit.db.run.update({ where: { id: holder.id }, data: { status: "succeeded" } });
  });

  it("takes over from a run whose process died (lease passed), marking it abandoned", async () => {
    const dead = await kit.db.run.create({ data: { tenantId: kit.tenant.id, mode: "apply", correlationId: "dead", leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect((await planTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    expect(await kit.db.run.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "abandoned", errorCode: "abandoned" });
  });

  it("runs a single step on request and names unknown steps", async () => {
    const single = await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey: "identity-provider" }, kit.engine);
    expect(single.steps.map((step) => [step.stepKey, step.verification?.status])).toEqual([["identity-provider", "ok"]]);
    await expect(runTenant({ tenantId: kit.tenant.id, mode: "apply", stepKey: "no-such-step" }, kit.engine)).rejects.toThrow(/There is no step "no-such-step"/);
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
    const report = await runTenant({ tenantId: second.id, mode: "apply", stepKey: "connect-org" }, kit.engine);
    expect(report.steps[0]!.error).toMatchObject({ code: "conflict", message: expect.stringMatching(/already provisioned for tenant .*\/Acme/) });
    expect((await kit.db.tenant.findUniqueOrThrow({ where: { id: second.id } })).orgId).toBeNull();

    // A whole apply goes on after it with the one step that does not need the org, and ends failed.
    const whole = await runTenant({ tenantId: second.id, mode: "apply" }, kit.engine);
    expect(whole.status).toBe("failed");
    const own = withoutUnusedServiceSteps(whole.steps, second.services);
    const byStatus = (status: string) => own.filter((step) => step.status === status).map((step) => step.stepKey);
    // Globex has no Agent Pacing Service (ewt-client skipped); the deployment is multi-tenant (isolation check applies).
    expect(whole.steps.find((step) => step.stepKey === "ewt-client")!.status).toBe("skipped");
    expect(byStatus("skipped")).toEqual(["admin-users"]);
    expect(byStatus("failed")).toEqual(["connect-org"]);
    expect(byStatus("succeeded")).toEqual(["network-allow-list"]);
    expect(byStatus("not-run")).toEqual(["client-credentials-client", "saml2-bearer-client", "saml-key-material", "identity-provider", "employee-role", "transaction-object", "tenant-isolation", "smoke-test"]);
    expect(whole.steps.find((step) => step.stepKey === "client-credentials-client")!.reason).toBe('Not run: it waits for "Connect the Genesys Cloud org", which failed.');
    const states = await kit.db.stepState.findMany({ where: { tenantId: second.id }, select: { stepKey: true, status: true } });
    expect(Object.fromEntries(states.map((state) => [state.stepKey, state.status]))).toEqual({ "connect-org": "failed", "network-allow-list": "done" });
  });
});
