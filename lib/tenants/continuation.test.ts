import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTenant, completeStepManually, runTenant, TENANT_ISOLATION, SMOKE_TEST } from "@/lib/provisioning";
import { ACME_AGENT, startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { runWaitingForInput } from "./continuation";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit({ isolationAgent: false });
});
afterAll(() => kit.close());

const waiting = () => runWaitingForInput(kit.db, { tenantId: kit.tenant.id, stepKey: TENANT_ISOLATION });

describe("the run to carry on once a step's input is entered", () => {
  it("is the run that stopped for it: an apply of every step, or of the one step", async () => {
    expect(await waiting()).toBeUndefined();
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("needs-input");
    expect(await waiting()).toEqual({ mode: "apply" });
    expect((await applyTenant(kit.tenant.id, kit.engine, TENANT_ISOLATION)).status).toBe("needs-input");
    expect(await waiting()).toEqual({ mode: "apply", stepKey: TENANT_ISOLATION });
    // Another step's run since does not change which run asked.
    await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey: SMOKE_TEST }, kit.engine);
    expect(await waiting()).toEqual({ mode: "apply", stepKey: TENANT_ISOLATION });
  });

  it("is none once the step no longer waits", async () => {
    const values = { ...ACME_AGENT };
    const report = await completeStepManually(
      { tenantId: kit.tenant.id, stepKey: TENANT_ISOLATION, values },
      kit.engine,
    );
    expect(report.status).toBe("succeeded");
    expect(await waiting()).toBeUndefined();
  });
});
