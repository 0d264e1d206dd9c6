import { afterEach, describe, expect, it } from "vitest";
import { applyTenant, runTenant } from "./engine";
import { SAML2_BEARER_CLIENT, SMOKE_TEST } from "../model/step-keys";
import { startProvisioningKit, stepReport, type ProvisioningKit } from "../test-support";

let kit: ProvisioningKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function provisioned() {
  kit = await startProvisioningKit({ propagationWindowMs: 500 });
  expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
  const key = { tenantId: kit.tenant.id, stepKey: SAML2_BEARER_CLIENT };
  const state = await kit.db.stepState.findUniqueOrThrow({ where: { tenantId_stepKey: key } });
  return { kit, clientId: (state.outputs as { clientId: string }).clientId };
}

const smokeFailure = async (kit: ProvisioningKit) =>
  stepReport(await runTenant({ tenantId: kit.tenant.id, mode: "apply", stepKey: SMOKE_TEST }, kit.engine), SMOKE_TEST)
    .error!.message;

describe("the smoke test's next action when Genesys Cloud refuses the SAML2 bearer client", () => {
  it("says the client is gone and to apply its step again when someone deleted it, never the bootstrap client", async () => {
    const { kit, clientId } = await provisioned();
    expect((await kit.genesysApi("DELETE", `/api/v2/oauth/clients/${clientId}`)).status).toBe(204);
    const message = await smokeFailure(kit);
    expect(message).toContain("401 invalid_client");
    expect(message).toContain(
      "The SAML2 bearer client no longer exists in Genesys Cloud: apply the SAML2 Bearer client step to create it again",
    );
    expect(message).not.toMatch(/bootstrap/i);
  }, 60_000);

  it("says the stored secret is refused when the client is still there", async () => {
    const { kit, clientId } = await provisioned();
    expect((await kit.genesysApi("POST", `/api/v2/oauth/clients/${clientId}/secret`)).status).toBe(200);
    const message = await smokeFailure(kit);
    expect(message).toContain("the client exists but refuses the stored secret; apply regenerates it");
    expect(message).not.toMatch(/bootstrap/i);
  }, 60_000);
});
