import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { rawGaxSession } from "@/sandbox/gax/sandbox-test-kit";
import type { GaxTransaction } from "./bridge";
import { desiredHybridIntegration } from "./desired-object";
import { ConfigServerError } from "./errors";
import { sampleInput, startBridgeKit } from "./test-fixtures";

let kit: Awaited<ReturnType<typeof startBridgeKit>> | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const original = desiredHybridIntegration(sampleInput());
const changed = desiredHybridIntegration(
  sampleInput({ orgShortName: "acme-new", samlAuthClientSecret: "rotated-secret" }),
);
const foreign = { section: "general", key: "site_note", value: "keep me" };

async function hybridIntegrations() {
  return (await kit!.control.objects("multi", "CfgTransaction")) as unknown as GaxTransaction[];
}

/** The object holds exactly the desired options plus the foreign one: never a mix of old and new. */
async function expectWhole(desired: typeof original) {
  const objects = await hybridIntegrations();
  expect(objects).toHaveLength(1);
  const expected = [foreign, ...desired.entries.map(({ section, key, value }) => ({ section, key, value }))];
  expect(objects[0]!.userproperties.property).toEqual(expected);
}

/** A bridge with hybrid_integration already in Acme, carrying one foreign key in front. */
async function withExistingObject() {
  kit = await startBridgeKit();
  const bridge = kit.bridge();
  await bridge.applyHybridIntegration("Acme", original);
  const [object] = await hybridIntegrations();
  const admin = await rawGaxSession(kit.baseUrl, SANDBOX_ADMIN);
  await admin.put(`cfg/objects/CfgTransaction/${object!.dbid}`, {
    ...object,
    userproperties: { property: [foreign, ...object!.userproperties.property] },
  });
  return bridge;
}

describe("GAX bridge: sessions and failures", () => {
  it("renews a session that expires mid-run and finishes the work", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.signIn();
    await kit.control.faults({ expireSessionsAfterRequests: 2 });
    const result = await bridge.applyHybridIntegration("Acme", original);
    expect(result.action).toBe("created");
    const { requests } = await kit.control.state();
    expect(requests.filter((entry) => entry.path === "/session/login")).toHaveLength(2);
    expect(requests.some((entry) => entry.outcome === 401)).toBe(true);
  });

  it("converges when the update answer is a 5xx and the write never happened", async () => {
    const bridge = await withExistingObject();
    await kit!.control.faults({ rules: [{ method: "PUT", action: "error", phase: "before", status: 503 }] });
    const result = await bridge.applyHybridIntegration("Acme", changed);
    expect(result).toMatchObject({ action: "updated", attempts: 2 });
    await expectWhole(changed);
  });

  it("converges when the connection drops after GAX applied the update", async () => {
    const bridge = await withExistingObject();
    await kit!.control.faults({ rules: [{ method: "PUT", action: "drop", phase: "after" }] });
    const result = await bridge.applyHybridIntegration("Acme", changed);
    // The second round reads the object back, finds it already written, and writes nothing more.
    expect(result).toMatchObject({ action: "unchanged", attempts: 2 });
    expect((await kit!.control.objectWrites()).filter((entry) => entry.method === "PUT")).toHaveLength(2);
    await expectWhole(changed);
  });

  it("creates exactly one object when the create answer is lost", async () => {
    kit = await startBridgeKit();
    await kit.control.faults({
      rules: [{ method: "POST", pathIncludes: "/cfg/objects", action: "drop", phase: "after" }],
    });
    const result = await kit.bridge().applyHybridIntegration("Acme", original);
    expect(result).toMatchObject({ action: "unchanged", attempts: 2 });
    expect(await hybridIntegrations()).toHaveLength(1);
  });

  it("retries reads that fail, without a write", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.applyHybridIntegration("Acme", original);
    await kit.control.faults({ rules: [{ method: "GET", action: "drop", phase: "before", times: 2 }] });
    expect((await bridge.verifyHybridIntegration("Acme", original)).status).toBe("ok");
  });

  it("gives up with a clear error when GAX keeps failing, leaves the object whole, and converges on the next run", async () => {
    const bridge = await withExistingObject();
    await kit!.control.faults({
      rules: [
        { method: "PUT", action: "drop", phase: "before", times: 2 },
        { method: "PUT", action: "error", phase: "before", status: 500, times: 2 },
      ],
    });
    const error = await bridge.applyHybridIntegration("Acme", changed).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigServerError);
    expect((error as ConfigServerError).code).toBe("gax-unavailable");
    expect((error as Error).message).toMatch(/4 attempts/);
    expect((error as Error).message).not.toContain("rotated-secret");
    await expectWhole(original);

    const retried = await bridge.applyHybridIntegration("Acme", changed);
    expect(retried.action).toBe("updated");
    await expectWhole(changed);
  });

  it("never leaves a half-written object under random 5xx and dropped connections", async () => {
    const bridge = await withExistingObject();
    await kit!.control.faults({ errorRate: 0.2, dropRate: 0.2, randomSeed: 42 });
    const outcomes: string[] = [];
    for (const desired of [changed, original, changed]) {
      const result = await bridge.applyHybridIntegration("Acme", desired).then(
        (applied) => applied.action,
        (error: unknown) => (error instanceof ConfigServerError ? error.code : String(error)),
      );
      outcomes.push(result);
      const [object] = await hybridIntegrations();
      const values = object!.userproperties.property;
      const matchesOne = [original, changed].some(
        (candidate) =>
          JSON.stringify(values) ===
          JSON.stringify([foreign, ...candidate.entries.map(({ section, key, value }) => ({ section, key, value }))]),
      );
      expect(matchesOne, `after ${result}`).toBe(true);
    }
    const { requests } = await kit!.control.state();
    expect(requests.some((entry) => entry.outcome === "dropped")).toBe(true);
    expect(requests.some((entry) => entry.outcome === 503)).toBe(true);
    await kit!.control.faults({});
    await bridge.applyHybridIntegration("Acme", changed);
    await expectWhole(changed);
    expect(outcomes.every((outcome) => ["updated", "unchanged", "gax-unavailable"].includes(outcome))).toBe(true);
  });
});
