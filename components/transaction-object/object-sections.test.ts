import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderStatic } from "@/components/ui/static-markup";
import { annexNote } from "@/lib/config-server/annex";
import type { TransactionObjectEntry } from "@/lib/tenants/transaction-object";
import { ObjectSections } from "./object-sections";

const entry = (section: string, key: string, value: string): TransactionObjectEntry => ({
  section,
  key,
  value,
  annex: false,
  secret: false,
  comparison: "unknown",
  liveValue: null,
});

const sections = [{ name: "general", entries: [entry("general", "organization_sname", "acme-eu")] }];
const annexEntries = [{ ...entry("general", "organization_domain_suffix", "com"), annex: true }];
const annex = { section: "general", note: annexNote("general"), entries: annexEntries };

const byTestId = (page: ReturnType<typeof renderStatic>, id: string) =>
  page.all("section").find((element) => element.getAttribute("data-testid") === id);

describe("ObjectSections", () => {
  it("prints the annex key under its own Annex heading with where it is kept, not in the general section", () => {
    const props = { tenantId: "t", sections, annex, canReveal: false, print: true };
    const page = renderStatic(createElement(ObjectSections, props));
    const general = byTestId(page, "section-general")!;
    expect(general.textContent).toContain("organization_sname");
    expect(general.textContent).not.toContain("organization_domain_suffix");
    const annexBlock = byTestId(page, "section-annex")!;
    expect(annexBlock.getElementsByTagName("h2")[0]?.textContent).toBe("Annex");
    expect(annexBlock.textContent).toContain('keeps them in section "general" of the object\'s options');
    expect(annexBlock.textContent).toContain("organization_domain_suffix");
    expect(annexBlock.textContent).toContain("com");
  });

  it("shows no Annex block when there is none", () => {
    const props = { tenantId: "t", sections, annex: null, canReveal: false };
    const page = renderStatic(createElement(ObjectSections, props));
    expect(byTestId(page, "section-annex")).toBeUndefined();
  });
});
