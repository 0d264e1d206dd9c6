import { afterEach, describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { rawGaxSession } from "@/sandbox/gax/sandbox-test-kit";
import type { GaxSandboxSeed } from "@/sandbox/gax/seed-schema";
import { targetTenantName, type GaxTransaction } from "./bridge";
import { desiredHybridIntegration } from "./desired-object";
import { sampleInput, startBridgeKit } from "./test-fixtures";

let kit: Awaited<ReturnType<typeof startBridgeKit>> | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

/** The Resources deployment plus a person of Resources who may sign in to GAX but read no tenant. */
function seedWithReader(): GaxSandboxSeed {
  const seed = structuredClone(defaultGaxSeed);
  const resources = seed.deployments.find((deployment) => deployment.name === "single-resources")!;
  resources.persons!.push({ username: "nobody", password: "nobody-pass", tenant: "Resources" });
  resources.acl!.push(
    { on: { type: "CfgApplication", tenant: "Resources", name: "GAX" }, account: { person: "nobody" }, mask: 1 | 8 },
    { on: { type: "CfgPerson", tenant: "Resources", name: "nobody" }, account: { person: "nobody" }, mask: 1 },
  );
  return seed;
}

/** A multi-tenant Configuration Server that has a tenant named Resources besides Environment. */
function seedWithBoth(): GaxSandboxSeed {
  const seed = structuredClone(defaultGaxSeed);
  seed.deployments[0]!.tenants.push({ name: "Resources" });
  return seed;
}

const messageOf = (detection: { status: string; message?: string }) => detection.message;

describe("GAX bridge: the one tenant of a single-tenant Configuration Server", () => {
  it("detects Resources in a single-tenant server whose tenant is Resources, Environment in the other", async () => {
    kit = await startBridgeKit({ deployment: "single-resources" });
    const resources = await kit.bridge().detectSingleTenant();
    expect(resources).toEqual({ status: "found", tenant: { dbid: "1", name: "Resources" } });
    const single = await startBridgeKit({ deployment: "single" });
    try {
      const environment = await single.bridge().detectSingleTenant();
      expect(environment).toEqual({ status: "found", tenant: { dbid: "1", name: "Environment" } });
    } finally {
      await single.close();
    }
  });

  it("says so when the user sees both Environment and Resources, or neither", async () => {
    kit = await startBridgeKit({ seed: seedWithBoth() });
    const both = await kit.bridge().detectSingleTenant();
    expect(both).toMatchObject({ status: "both", seen: [{ name: "Environment" }, { name: "Resources" }] });
    expect(messageOf(both)).toMatch(
      /sees both an Environment and a Resources tenant.*Choose Environment or Resources on the deployment\.$/,
    );
    await kit.close();

    kit = await startBridgeKit({ seed: seedWithReader(), deployment: "single-resources" });
    const neither = await kit.bridge({ username: "nobody", password: "nobody-pass" }).detectSingleTenant();
    expect(neither).toMatchObject({ status: "neither", seen: [] });
    expect(messageOf(neither)).toMatch(/"nobody" sees neither an Environment nor a Resources tenant \(it sees: none\)/);
  });

  it("writes a single-tenant deployment's object into Resources when that is its one tenant", async () => {
    kit = await startBridgeKit({ deployment: "single-resources" });
    const bridge = kit.bridge();
    const detection = await bridge.detectSingleTenant();
    const found = detection.status === "found" ? detection.tenant.name : undefined;
    const tenant = targetTenantName("single-tenant", undefined, found);
    const desired = desiredHybridIntegration(sampleInput());
    const result = await bridge.applyHybridIntegration(tenant, desired);
    expect(result).toMatchObject({ action: "created", tenant: { dbid: "1", name: "Resources" } });
    const admin = await rawGaxSession(kit.baseUrl, SANDBOX_ADMIN);
    const { body } = await admin.get<GaxTransaction[]>("cfg/objects?type=CfgTransaction&name=hybrid_integration");
    const placed = body.map((object) => ({ tenantdbid: object.tenantdbid, folderid: object.folderid }));
    expect(placed).toEqual([{ tenantdbid: "1", folderid: result.plan.folder?.dbid }]);
    const verification = await bridge.verifyHybridIntegration(tenant, desired);
    expect(verification).toMatchObject({ status: "ok", tenant: { name: "Resources" } });
  });
});
