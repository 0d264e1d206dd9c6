import { afterEach, describe, expect, it } from "vitest";
import { defaultGaxSeed } from "@/sandbox/gax/default-seed";
import type { GaxSandboxSeed } from "@/sandbox/gax/seed-schema";
import { applyTenant, verifyTenant } from "./engine";
import { chooseObjectTenant } from "../registration/object-tenant-setting";
import {
  startProvisioningKit,
  testAudit,
  type GaxTransactionState,
  type KitOptions,
  type ProvisioningKit,
  stepReport,
} from "../test-support";
import { TRANSACTION_OBJECT, TENANT_ISOLATION } from "../model/step-keys";

let kit: ProvisioningKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

async function started(options: KitOptions) {
  kit = await startProvisioningKit(options);
  return kit;
}

/** A Configuration Server that shows both an Environment and a Resources tenant. */
function seedWithBoth(): GaxSandboxSeed {
  const seed = structuredClone(defaultGaxSeed);
  const single = seed.deployments.find((deployment) => deployment.name === "single")!;
  const tenants = [{ name: "Environment" }, { name: "Resources" }];
  seed.deployments.push({ ...structuredClone(single), name: "both", layout: "multi-tenant", tenants });
  return seed;
}

describe("a single-tenant deployment whose one tenant is Resources", () => {
  it("detects Resources, registers the tenant as Resources and writes hybrid_integration into Resources", async () => {
    const singleTenant = { gaxDeployment: "single-resources" };
    const { db, tenant, engine, gax, hybridIntegration } = await started({ singleTenant });
    expect(tenant.cfgTenantName).toBe("Resources");
    const applied = await applyTenant(tenant.id, engine);
    expect(applied.status).toBe("succeeded");
    expect(stepReport(applied, TENANT_ISOLATION)?.status).toBe("skipped");
    expect(stepReport(applied, TRANSACTION_OBJECT)).toMatchObject({ status: "succeeded", result: "created" });
    const where = { tenantId_stepKey: { tenantId: tenant.id, stepKey: TRANSACTION_OBJECT } };
    const state = await db.stepState.findUniqueOrThrow({ where });
    expect(state.outputs).toMatchObject({ cfgTenant: "Resources", tenantDbid: "1" });
    const objects = (await gax.control.objects("single-resources", "CfgTransaction")) as GaxTransactionState[];
    const placed = objects.map(({ name, tenantdbid }) => ({ name, tenantdbid }));
    expect(placed).toEqual([{ name: "hybrid_integration", tenantdbid: "1" }]);
    expect(await hybridIntegration()).toHaveLength(1);
    const verified = await verifyTenant(tenant.id, engine, TRANSACTION_OBJECT);
    expect(stepReport(verified, TRANSACTION_OBJECT)?.verification).toMatchObject({ status: "ok", differences: [] });
  });

  it("stops at the transaction object, saying why, when the deployment cannot tell which tenant", async () => {
    const singleTenant = { gaxDeployment: "both", objectTenant: "Resources" as const };
    const { tenant, deployment, engine, gax } = await started({ gaxSeed: seedWithBoth(), singleTenant });
    const outcome = await chooseObjectTenant(engine.db, testAudit, { deploymentId: deployment.id, choice: "detect" });
    const both = expect.stringMatching(/sees both an Environment and a Resources/);
    expect(outcome.objectTenant).toMatchObject({ name: null, problem: both });
    const applied = await applyTenant(tenant.id, engine);
    expect(applied.status).toBe("failed");
    const unknown = new RegExp(
      `targetTenant is unknown: Deployment "${deployment.name}" does not know which tenant holds hybrid_integration: ` +
        'GAX user "gax-admin" sees both',
    );
    const error = { code: "invalid_input", message: expect.stringMatching(unknown) };
    expect(stepReport(applied, TRANSACTION_OBJECT)).toMatchObject({ status: "failed", error });
    expect(await gax.control.objects("both", "CfgTransaction")).toEqual([]);
  });
});
