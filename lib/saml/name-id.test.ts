import { describe, expect, it } from "vitest";
import { samlNameId } from "./name-id";

describe("samlNameId", () => {
  it("uses a username that is already an email address as it is", () => {
    expect(samlNameId("Agent.Smith@example.com", { organizationSname: "acme" })).toBe("Agent.Smith@example.com");
    expect(samlNameId("agent@example.com")).toBe("agent@example.com");
  });

  it("derives username@<organization_sname>.<organization_domain_suffix>, with com by default", () => {
    expect(samlNameId("agent007", { organizationSname: "acme-emea" })).toBe("agent007@acme-emea.com");
    expect(samlNameId("jsmith", { organizationSname: "Acme", organizationDomainSuffix: "co.uk" })).toBe(
      "jsmith@acme.co.uk",
    );
  });

  it("refuses what cannot become an email address, naming the field", () => {
    expect(() => samlNameId("agent007")).toThrow(
      'subject: "agent007" is not an email address and no organization short name was given',
    );
    expect(() => samlNameId("john smith", { organizationSname: "acme" })).toThrow(
      'subject: cannot form an email address from username "john smith"',
    );
    expect(() => samlNameId("agent", { organizationSname: "acme corp" })).toThrow(
      "organizationSname: must be a DNS label",
    );
    expect(() => samlNameId("agent", { organizationSname: "acme", organizationDomainSuffix: ".com" })).toThrow(
      "organizationDomainSuffix: must be a DNS domain such as com or co.uk",
    );
  });
});
