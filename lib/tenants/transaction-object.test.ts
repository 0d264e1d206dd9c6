import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annexNote } from "@/lib/config-server/annex";
import { SECRET_MASK } from "@/lib/config-server/property-plan";
import { applyTenant, CONNECT_ORG, TRANSACTION_OBJECT } from "@/lib/provisioning";
import {
  startProvisioningKit,
  testAudit,
  type GaxTransactionState,
  type ProvisioningKit,
} from "@/lib/provisioning/test-support";
import { freePort } from "@/test/support/free-port";
import {
  exportFileName,
  maskedTransactionObject,
  revealTransactionObject,
  revealTransactionObjectSecrets,
} from "./transaction-object-export";
import { loadTransactionObjectView, type TransactionObjectView } from "./transaction-object";

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit();
});
afterAll(() => kit.close());

/** Every entry: the option sections' and the annex's. */
const entriesOf = (view: TransactionObjectView) => [
  ...view.sections.flatMap((section) => section.entries),
  ...(view.annex?.entries ?? []),
];
const find = (view: TransactionObjectView, section: string, key: string) =>
  entriesOf(view).find((entry) => entry.section === section && entry.key === key)!;

/** Every sealed value of the tenant that is long enough to recognise. */
async function sealedValues(): Promise<string[]> {
  const refs = await kit.db.secret.findMany({
    where: { ownerId: kit.tenant.id },
    select: { ownerType: true, ownerId: true, purpose: true },
  });
  const { openSecret } = await import("@/lib/secrets/store");
  const values = await Promise.all(refs.map((ref) => openSecret(kit.db, ref)));
  return values.filter((value): value is string => Boolean(value && value.length >= 8));
}

describe("transaction object view", () => {
  it("is null for an unknown tenant", async () => {
    expect(await loadTransactionObjectView(kit.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("before apply: says which steps it waits for, and exports refuse with the same reason", async () => {
    const view = (await loadTransactionObjectView(kit.db, kit.tenant.id))!;
    expect(view.ready).toBe(false);
    expect(view.live).toEqual({ status: "not-compared" });
    expect(view.waitingFor.map((step) => step.key)).toContain(CONNECT_ORG);
    expect(view.problem).toMatch(/^The object is built from the results of earlier steps: apply ".*Connect/);
    await expect(maskedTransactionObject(kit.db, kit.tenant.id)).rejects.toMatchObject({
      code: "precondition_failed",
      message: view.problem,
    });
  });

  it("after apply: every key per section, secrets masked, and all the same as in GAX", async () => {
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const view = (await loadTransactionObjectView(kit.db, kit.tenant.id))!;
    expect(view.ready).toBe(true);
    expect(view.targetTenant).toBe("Acme");
    expect(view.sections.map((section) => section.name)).toEqual(["general", "saml", "saml_auth", "ewt"]);
    expect(view.live).toMatchObject({
      status: "compared",
      gaxTenant: "Acme",
      objectMissing: false,
      attributeChanges: [],
    });
    expect(entriesOf(view).every((entry) => entry.comparison === "same")).toBe(true);
    expect(view.counts).toEqual({ same: entriesOf(view).length, differs: 0, missing: 0, extra: 0, unknown: 0 });
    expect(find(view, "general", "organization_sname").value).toBe(kit.orgShortName);
    const inSections = view.sections.flatMap((section) => section.entries.map((entry) => entry.key));
    expect(inSections).not.toContain("organization_domain_suffix");
    const annexEntry = { key: "organization_domain_suffix", annex: true, value: "com", comparison: "same" };
    const entries = [expect.objectContaining({ section: "general", ...annexEntry })];
    expect(view.annex).toEqual({ section: "general", note: annexNote("general"), entries });
    for (const [section, key] of [
      ["saml", "pkey"],
      ["saml", "password"],
      ["saml_auth", "password"],
      ["ewt", "password"],
    ] as const) {
      expect(find(view, section, key)).toMatchObject({ secret: true, value: SECRET_MASK });
    }
    const json = JSON.stringify(view);
    for (const value of await sealedValues()) expect(json).not.toContain(value);
  });

  it("compares per key: a changed value differs (masked when secret), a removed one is missing, a foreign one is extra", async () => {
    const gax = await kit.gaxAdminSession();
    const [live] = await kit.hybridIntegration();
    const changed: GaxTransactionState = structuredClone(live!);
    changed.userproperties.property = [
      ...changed.userproperties.property
        .filter((property) => !(property.section === "saml" && property.key === "expire_time"))
        .map((property) =>
          property.section === "general" && property.key === "organization_sname"
            ? { ...property, value: "someone-else" }
            : property.section === "saml_auth" && property.key === "password"
              ? { ...property, value: "a-stale-client-secret" }
              : property,
        ),
      { section: "general", key: "site_note", value: "kept by the site" },
    ];
    expect((await gax.put(`cfg/objects/CfgTransaction/${live!.dbid}`, changed)).status).toBeLessThan(300);

    const view = (await loadTransactionObjectView(kit.db, kit.tenant.id))!;
    expect(find(view, "general", "organization_sname")).toMatchObject({
      comparison: "differs",
      liveValue: "someone-else",
      value: kit.orgShortName,
    });
    expect(find(view, "saml_auth", "password")).toMatchObject({
      comparison: "differs",
      liveValue: SECRET_MASK,
      value: SECRET_MASK,
    });
    expect(find(view, "saml", "expire_time")).toMatchObject({ comparison: "missing", liveValue: null });
    expect(view.extra).toEqual([{ section: "general", key: "site_note" }]);
    expect(view.counts).toMatchObject({ differs: 2, missing: 1, extra: 1 });
    expect(JSON.stringify(view)).not.toContain("a-stale-client-secret");

    // Apply repairs it; the foreign key stays and is still reported as extra.
    expect((await applyTenant(kit.tenant.id, kit.engine, TRANSACTION_OBJECT)).status).toBe("succeeded");
    const repaired = (await loadTransactionObjectView(kit.db, kit.tenant.id))!;
    expect(repaired.counts).toMatchObject({ differs: 0, missing: 0, extra: 1 });
  });

  it("when GAX does not answer: the object is still shown, every key unknown, with what to check", async () => {
    const deployment = await kit.db.deployment.findUniqueOrThrow({ where: { id: kit.deployment.id } });
    const closed = `http://127.0.0.1:${await freePort()}/gax`;
    await kit.db.deployment.update({ where: { id: deployment.id }, data: { gaxBaseUrl: closed } });
    try {
      const view = (await loadTransactionObjectView(kit.db, kit.tenant.id, { gax: { timeoutMs: 2_000 } }))!;
      expect(view.ready).toBe(true);
      expect(view.live).toMatchObject({
        status: "unavailable",
        message: expect.stringContaining("GAX did not answer"),
      });
      if (view.live.status !== "unavailable") throw new Error("expected unavailable");
      expect(view.live.checks[0]).toContain(closed);
      expect(entriesOf(view).every((entry) => entry.comparison === "unknown")).toBe(true);
    } finally {
      await kit.db.deployment.update({ where: { id: deployment.id }, data: { gaxBaseUrl: deployment.gaxBaseUrl } });
    }
  });

  it("can be shown without comparing", async () => {
    const view = (await loadTransactionObjectView(kit.db, kit.tenant.id, { compare: false }))!;
    expect(view.live).toEqual({ status: "not-compared" });
    expect(entriesOf(view).every((entry) => entry.comparison === "unknown")).toBe(true);
  });
});

describe("transaction object export and reveal", () => {
  const revealEvents = () =>
    kit.db.auditEvent.findMany({
      where: { action: "secret.reveal", targetId: kit.tenant.id },
      orderBy: { seq: "asc" },
    });

  it("exports the GAX body and the sections with secrets masked, without an audit record", async () => {
    const before = (await revealEvents()).length;
    const document = await maskedTransactionObject(kit.db, kit.tenant.id);
    expect(document).toMatchObject({
      tenant: "Acme",
      configurationServerTenant: "Acme",
      secrets: "masked",
      object: { type: "CfgTransaction", name: "hybrid_integration", state: "CFGEnabled" },
    });
    expect(document.sections.saml!.password).toBe(SECRET_MASK);
    expect(document.sections.general!.organization_sname).toBe(kit.orgShortName);
    expect(document.sections.general).not.toHaveProperty("organization_domain_suffix");
    const annex = { section: "general", note: annexNote("general"), options: { organization_domain_suffix: "com" } };
    expect(document.annex).toEqual(annex);
    const inSections = Object.values(document.sections).reduce((sum, keys) => sum + Object.keys(keys).length, 0);
    const written = document.object.userproperties.property;
    expect(written).toHaveLength(inSections + 1);
    expect(written).toContainEqual({ section: "general", key: "organization_domain_suffix", value: "com" });
    const json = JSON.stringify(document);
    for (const value of await sealedValues()) expect(json).not.toContain(value);
    expect(exportFileName(document)).toMatch(/^hybrid_integration-sandbox-[a-f0-9]+-acme\.json$/);
    expect(await revealEvents()).toHaveLength(before);
  });

  it("reveals the secret options for the page with one secret.reveal record that names them but holds no value", async () => {
    const before = (await revealEvents()).length;
    const values = await revealTransactionObjectSecrets(kit.db, testAudit, kit.tenant.id);
    expect(Object.keys(values).sort()).toEqual(["ewt/password", "saml/password", "saml/pkey", "saml_auth/password"]);
    const events = await revealEvents();
    expect(events).toHaveLength(before + 1);
    const event = events.at(-1)!;
    expect(event).toMatchObject({ outcome: "success", targetType: "tenant", actorEmail: testAudit.actor.email });
    expect(event.details).toEqual({
      purpose: "transaction-object",
      reason: "hybrid_integration options saml/pkey, saml/password, saml_auth/password, ewt/password",
    });
    const row = JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
    for (const value of Object.values(values)) expect(row).not.toContain(value);
  });

  it("an export with secrets is recorded under its own purpose", async () => {
    const built = await revealTransactionObject(kit.db, testAudit, {
      tenantId: kit.tenant.id,
      purpose: "transaction-object-export",
    });
    expect(built.desired.entries.find((entry) => entry.key === "password" && entry.section === "saml")!.value).not.toBe(
      SECRET_MASK,
    );
    expect((await revealEvents()).at(-1)!.details).toMatchObject({ purpose: "transaction-object-export" });
  });
});
