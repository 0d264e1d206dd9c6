import { describe, expect, it } from "vitest";
import { annexNote } from "./annex";
import { desiredHybridIntegration, withAnnexSection } from "./desired-object";
import { exportHybridIntegration } from "./export-hybrid-integration";
import { mergeOwnedProperties, planProperties, SECRET_MASK } from "./property-plan";
import { sampleInput } from "./test-fixtures";

const desired = desiredHybridIntegration(sampleInput({ serviceClients: [] }));
const secretValues = ["RW5jcnlwdGVkS2V5QmFzZTY0", "key-password-1", "saml-secret-1"];

describe("export of hybrid_integration", () => {
  it("gives the GAX JSON body and a per-section table with secrets masked", () => {
    const exported = exportHybridIntegration(desired);
    expect(exported.body).toMatchObject({
      type: "CfgTransaction",
      subtype: "CFGTRTList",
      name: "hybrid_integration",
      alias: "hybrid_integration",
      state: "CFGEnabled",
    });
    expect(exported.body.userproperties.property).toContainEqual({ section: "saml", key: "pkey", value: SECRET_MASK });
    const sections = [...Array(6).fill("general"), ...Array(5).fill("saml"), "saml_auth", "saml_auth", "general"];
    expect(exported.rows.map((row) => row.section)).toEqual(sections);
    expect(exported.table.split("\n")[0]).toMatch(/^Section\s+Option\s+Value$/);
    expect(exported.table).toMatch(/saml_auth\s+client_id\s+saml-client/);
    for (const secret of secretValues) expect(JSON.stringify(exported)).not.toContain(secret);
  });

  it("labels the annex key Annex, apart from the option sections, and says which section keeps it", () => {
    const exported = exportHybridIntegration(withAnnexSection(desired, "annex"));
    expect(exported.rows.filter((row) => row.annex)).toEqual([
      { section: "annex", key: "organization_domain_suffix", value: "com", secret: false, annex: true },
    ]);
    expect(exported.rows.filter((row) => !row.annex).map((row) => row.key)).not.toContain("organization_domain_suffix");
    expect(exported.annexSection).toBe("annex");
    const [options, annex] = exported.table.split("\n\nAnnex\n");
    expect(options).not.toContain("organization_domain_suffix");
    expect(annex!.split("\n")[0]).toBe(annexNote("annex"));
    expect(annexNote("annex")).toMatch(/in the Annex of hybrid_integration.*keeps them in section "annex"/);
    expect(annex).toMatch(/\nannex\s+organization_domain_suffix\s+com$/);
    const written = { section: "annex", key: "organization_domain_suffix", value: "com" };
    expect(exported.body.userproperties.property).toContainEqual(written);
  });

  it("shows the real values only when asked to reveal them", () => {
    const exported = exportHybridIntegration(desired, { revealSecrets: true });
    for (const secret of secretValues) expect(exported.table).toContain(secret);
  });
});

describe("plan of userProperties", () => {
  const live = [
    { section: "general", key: "organization_sname", value: "acme" },
    { section: "general", key: "organization_id", value: "old-id" },
    { section: "saml", key: "password", value: "old-password" },
    { section: "custom", key: "keep", value: "secret-ish" },
  ];

  it("sorts keys into add, change, keep and foreign, masking secrets and foreign values", () => {
    const plan = planProperties(desired.entries, live);
    expect(plan.keep.map((row) => row.key)).toEqual(["organization_sname"]);
    expect(plan.change).toEqual([
      {
        section: "general",
        key: "organization_id",
        secret: false,
        from: "old-id",
        to: "5f3b7c1e-9a2d-4e8f-b6c1-2d3e4f5a6b7c",
      },
      { section: "saml", key: "password", secret: true, from: SECRET_MASK, to: SECRET_MASK },
    ]);
    expect(plan.add).toHaveLength(desired.entries.length - 3);
    expect(plan.foreign).toEqual([{ section: "custom", key: "keep" }]);
    expect(JSON.stringify(plan)).not.toMatch(/old-password|secret-ish|key-password-1/);
  });

  it("merges owned keys in place and appends new ones after the existing entries", () => {
    const merged = mergeOwnedProperties(live, desired.entries);
    expect(merged.slice(0, 4)).toEqual([
      live[0],
      { section: "general", key: "organization_id", value: "5f3b7c1e-9a2d-4e8f-b6c1-2d3e4f5a6b7c" },
      { section: "saml", key: "password", value: "key-password-1" },
      live[3],
    ]);
    expect(merged).toHaveLength(desired.entries.length + 1);
  });
});
