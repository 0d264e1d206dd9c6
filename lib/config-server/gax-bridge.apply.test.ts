import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { rawGaxSession } from "@/sandbox/gax/sandbox-test-kit";
import type { GaxTransaction } from "./bridge";
import { desiredHybridIntegration } from "./desired-object";
import { SECRET_MASK } from "./property-plan";
import { sampleInput, startBridgeKit } from "./test-fixtures";

let kit: Awaited<ReturnType<typeof startBridgeKit>> | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const desired = desiredHybridIntegration(sampleInput());
const valuesOf = (object: GaxTransaction) =>
  Object.fromEntries(object.userproperties.property.map((p) => [`${p.section}/${p.key}`, p.value]));

async function liveObject(tenantDbid: string) {
  const admin = await rawGaxSession(kit!.baseUrl, SANDBOX_ADMIN);
  const { body } = await admin.get<GaxTransaction[]>(
    `cfg/objects?type=CfgTransaction&name=hybrid_integration&tenantdbid=${tenantDbid}`,
  );
  return { admin, objects: body, object: body[0] as GaxTransaction };
}

describe("GAX bridge: plan, apply and verify hybrid_integration", () => {
  it("creates the object on an empty tenant: list type, alias, the Transactions folder found by name, enabled", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    const plan = await bridge.planHybridIntegration("Acme", desired);
    expect(plan.action).toBe("create");
    expect(plan.folder?.name).toBe("Transactions");
    expect(plan.add.find((row) => row.key === "pkey")?.value).toBe(SECRET_MASK);
    expect(JSON.stringify(plan)).not.toContain("key-password-1");

    const result = await bridge.applyHybridIntegration("Acme", desired);
    expect(result).toMatchObject({ action: "created", tenant: { name: "Acme", dbid: "101" }, attempts: 1 });
    const { object } = await liveObject("101");
    expect(object).toMatchObject({
      type: "CfgTransaction",
      subtype: "CFGTRTList",
      name: "hybrid_integration",
      alias: "hybrid_integration",
      state: "CFGEnabled",
      folderid: plan.folder?.dbid,
      dbid: result.dbid,
    });
    expect(valuesOf(object)).toMatchObject({
      "general/organization_sname": "acme",
      "saml/pkey": "RW5jcnlwdGVkS2V5QmFzZTY0",
      "ewt/password": "ewt-secret-1",
    });
    expect(await bridge.verifyHybridIntegration("Acme", desired)).toMatchObject({
      status: "ok",
      missing: [],
      drifted: [],
    });
  });

  it("re-applies as a no-op: no write request reaches GAX", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.applyHybridIntegration("Acme", desired);
    const writesBefore = (await kit.control.objectWrites()).length;
    const again = await bridge.applyHybridIntegration("Acme", desired);
    expect(again.action).toBe("unchanged");
    expect(again.plan.keep).toHaveLength(desired.entries.length);
    expect((await kit.control.objectWrites()).length).toBe(writesBefore);
  });

  it("finds drift made in GAX, shows secrets masked, and repairs it", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.applyHybridIntegration("Acme", desired);
    const { admin, object } = await liveObject("101");
    const edited = object.userproperties.property
      .filter((p) => p.key !== "base_service_url")
      .map((p) =>
        p.key === "organization_sname" ? { ...p, value: "other" } : p.key === "pkey" ? { ...p, value: "tampered" } : p,
      );
    await admin.put(`cfg/objects/CfgTransaction/${object.dbid}`, {
      ...object,
      state: "CFGDisabled",
      userproperties: { property: edited },
    });

    const verification = await bridge.verifyHybridIntegration("Acme", desired);
    expect(verification.status).toBe("drifted");
    expect(verification.missing).toEqual([{ section: "general", key: "base_service_url" }]);
    expect(verification.drifted).toEqual([
      { section: "general", key: "organization_sname", secret: false, expected: "acme", actual: "other" },
      { section: "saml", key: "pkey", secret: true, expected: SECRET_MASK, actual: SECRET_MASK },
    ]);
    expect(verification.attributeChanges).toEqual([{ attribute: "state", from: "CFGDisabled", to: "CFGEnabled" }]);

    const repaired = await bridge.applyHybridIntegration("Acme", desired);
    expect(repaired.action).toBe("updated");
    expect(repaired.plan.change.map((row) => row.key)).toEqual(["organization_sname", "pkey"]);
    expect(repaired.plan.add.map((row) => row.key)).toEqual(["base_service_url"]);
    expect(await bridge.verifyHybridIntegration("Acme", desired)).toMatchObject({ status: "ok" });
    expect((await liveObject("101")).object.state).toBe("CFGEnabled");
  });

  it("keeps keys it does not own, in place, when it updates", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.applyHybridIntegration("Acme", desired);
    const { admin, object } = await liveObject("101");
    const foreign = [
      { section: "general", key: "site_note", value: "keep me" },
      { section: "custom", key: "token", value: "x1" },
    ];
    await admin.put(`cfg/objects/CfgTransaction/${object.dbid}`, {
      ...object,
      userproperties: { property: [...foreign, ...object.userproperties.property] },
    });

    const changed = desiredHybridIntegration(sampleInput({ orgShortName: "acme2" }));
    const plan = await bridge.planHybridIntegration("Acme", changed);
    expect(plan.foreign).toEqual([
      { section: "general", key: "site_note" },
      { section: "custom", key: "token" },
    ]);
    await bridge.applyHybridIntegration("Acme", changed);
    const after = (await liveObject("101")).object;
    expect(after.userproperties.property.slice(0, 2)).toEqual(foreign);
    expect(valuesOf(after)["general/organization_sname"]).toBe("acme2");
  });

  it("writes a single-tenant deployment's object to the Environment tenant", async () => {
    kit = await startBridgeKit({ deployment: "single" });
    const result = await kit.bridge().applyHybridIntegration("Environment", desired);
    expect(result.tenant).toEqual({ dbid: "1", name: "Environment" });
    expect((await liveObject("1")).object.folderid).toBe(result.plan.folder?.dbid);
  });

  it("keeps each tenant's object apart in a multi-tenant deployment", async () => {
    kit = await startBridgeKit();
    const bridge = kit.bridge();
    await bridge.applyHybridIntegration("Acme", desired);
    await bridge.applyHybridIntegration("Globex", desiredHybridIntegration(sampleInput({ orgShortName: "globex" })));
    expect(valuesOf((await liveObject("101")).object)["general/organization_sname"]).toBe("acme");
    expect(valuesOf((await liveObject("102")).object)["general/organization_sname"]).toBe("globex");
  });

  it("puts the annex key in the deployment's annex section setting", async () => {
    kit = await startBridgeKit({ settings: { annexSection: "annex" } });
    await kit.bridge().applyHybridIntegration("Acme", desired);
    const values = valuesOf((await liveObject("101")).object);
    expect(values["annex/organization_domain_suffix"]).toBe("com");
    expect(values["general/organization_domain_suffix"]).toBeUndefined();
  });
});
