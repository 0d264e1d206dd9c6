import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeCatalogue } from "@/lib/provisioning/catalogue";
import { applyTenant } from "@/lib/provisioning/engine";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
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

  it("lists the whole catalogue in order, grouped by phase, before anything ran", async () => {
    const checklist = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    expect(checklist.phases.flatMap((phase) => phase.steps.map((step) => step.key))).toEqual(describeCatalogue().map((step) => step.key));
    expect(checklist.phases.every((phase) => phase.steps.every((step) => step.phase === phase.phase))).toBe(true);
    expect(checklist.summary).toMatchObject({ done: 0, status: "not-started" });
    expect(checklist.latestRun).toBeNull();
    expect(checklist.phases.flatMap((phase) => phase.steps).filter((step) => step.applies).every((step) => step.status === "not-started")).toBe(true);
  });

  it("after apply: every applicable step done with outputs and its last step run, the run in the history, no secret anywhere", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    const checklist = (await loadTenantChecklist(kit.db, kit.tenant.id))!;
    const steps = checklist.phases.flatMap((phase) => phase.steps);
    const applicable = steps.filter((step) => step.applies);
    expect(checklist.summary).toMatchObject({ done: applicable.length, total: applicable.length, status: "done" });
    expect(applicable.every((step) => step.status === "done" && step.lastStepRun?.mode === "apply" && step.lastStepRun.status === "succeeded")).toBe(true);
    expect(steps.find((step) => step.key === "connect-org")!.outputs).not.toEqual({});
    expect(checklist.tenant.orgShortName).toBe(kit.orgShortName);
    expect(checklist.latestRun).toMatchObject({ mode: "apply", status: "succeeded", requestedBy: expect.any(String) });
    expect(checklist.runActive).toBe(false);
    expect(checklist.runs).toHaveLength(1);

    const json = JSON.stringify(checklist);
    const secrets = await kit.db.secret.findMany({ where: { ownerId: kit.tenant.id }, select: { ownerType: true, ownerId: true, purpose: true } });
    expect(secrets.length).toBeGreaterThan(3);
    for (const ref of secrets) {
      const value = await openSecret(kit.db, ref);
      if (value && value.length >= 8) expect(json, ref.purpose).not.toContain(value);
    }
  });
});
