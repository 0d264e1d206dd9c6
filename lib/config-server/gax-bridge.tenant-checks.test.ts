import { afterEach, describe, expect, it } from "vitest";
import { rejectionOf } from "@/test/support/rejection";
import { defaultGaxSeed } from "@/sandbox/gax/default-seed";
import type { GaxTransaction } from "./bridge";
import { desiredHybridIntegration } from "./desired-object";
import { ConfigServerError } from "./errors";
import { sampleInput, startBridgeKit } from "./test-fixtures";

let kit: Awaited<ReturnType<typeof startBridgeKit>> | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const acme = desiredHybridIntegration(sampleInput({ orgShortName: "acme" }));
const GLOBEX_ORG_ID = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const globex = desiredHybridIntegration(sampleInput({ orgShortName: "globex", orgId: GLOBEX_ORG_ID }));

/** The default seed, served by a GAX that ignores the given query parameters of cfg/objects. */
function ignoring(parameters: string[]) {
  const seed = structuredClone(defaultGaxSeed);
  seed.deployments[0]!.ignoredQueryParameters = parameters;
  return seed;
}

const failure = (promise: Promise<unknown>) => rejectionOf(promise, ConfigServerError);

async function hybridIntegrations() {
  return (await kit!.control.objects("multi", "CfgTransaction")) as GaxTransaction[];
}

describe("GAX bridge: every object a query returns is checked for its tenant before any write", () => {
  it("never updates another tenant's hybrid_integration when GAX ignores tenantdbid", async () => {
    kit = await startBridgeKit({ seed: ignoring(["tenantdbid"]) });
    const bridge = kit.bridge();
    expect((await bridge.applyHybridIntegration("Acme", acme)).action).toBe("created");
    const acmeObject = await hybridIntegrations();
    const writesBefore = (await kit.control.objectWrites()).length;

    const error = await failure(bridge.applyHybridIntegration("Globex", globex));
    expect(error.code).toBe("tenant-mismatch");
    expect(error.message).toMatch(
      /^GAX answered the lookup of hybrid_integration in tenant "Globex" with the one of tenant "Acme" \(DBID \d+\)/,
    );
    expect(error.message).toMatch(/Nothing was written/);
    expect((await kit.control.objectWrites()).length).toBe(writesBefore);
    expect(await hybridIntegrations()).toEqual(acmeObject);
    await expect(bridge.planHybridIntegration("Globex", globex)).rejects.toMatchObject({ code: "tenant-mismatch" });
    await expect(bridge.verifyHybridIntegration("Globex", globex)).rejects.toMatchObject({ code: "tenant-mismatch" });
  });

  it("refuses a tenant whose name is not exactly the one asked for", async () => {
    kit = await startBridgeKit({ seed: ignoring(["name"]) });
    const error = await failure(kit.bridge().applyHybridIntegration("Acme", acme));
    expect(error.code).toBe("tenant-mismatch");
    expect(error.message).toMatch(/^GAX answered the lookup of tenant "Acme" with tenant "Environment" \(DBID 1\)/);
    expect(await kit.control.objectWrites()).toEqual([]);
  });

  it("refuses a Transactions folder owned by another tenant", async () => {
    kit = await startBridgeKit({ seed: ignoring(["filters"]) });
    const error = await failure(kit.bridge().applyHybridIntegration("Globex", globex));
    expect(error.code).toBe("tenant-mismatch");
    expect(error.message).toMatch(
      new RegExp(
        '^GAX answered the lookup of the Transactions folder of tenant "Globex" ' +
          'with folder "Transactions" \\(DBID \\d+\\) of tenant "Environment"',
      ),
    );
    expect(await kit.control.objectWrites()).toEqual([]);
  });

  it("still provisions each tenant on a GAX that filters as asked", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.applyHybridIntegration("Acme", acme);
    const created = await bridge.applyHybridIntegration("Globex", globex);
    expect(created).toMatchObject({ action: "created", tenant: { name: "Globex" } });
    expect((await hybridIntegrations()).map((object) => object.tenantdbid)).toEqual(["101", "102"]);
  });
});
