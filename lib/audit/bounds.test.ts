import { describe, expect, it } from "vitest";
import { AUDIT_FIELD_CAPS, bounded, boundedDetails, TRUNCATION_MARKER } from "@/lib/audit/bounds";

describe("audit field caps", () => {
  it("leaves short values alone and cuts long ones to the cap, marked", () => {
    expect(bounded("short", 10)).toBe("short");
    const cut = bounded("x".repeat(50), 20);
    expect(cut).toHaveLength(20);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it("caps every string in details, e-mail fields at the e-mail cap, at any depth", () => {
    const details = boundedDetails({
      email: "e".repeat(1_000),
      nested: { notes: ["n".repeat(10_000)], ownerEmail: "o".repeat(400) },
      count: 3,
    }) as {
      email: string;
      nested: { notes: string[]; ownerEmail: string };
      count: number;
    };
    expect(details.email).toHaveLength(AUDIT_FIELD_CAPS.email);
    expect(details.nested.ownerEmail).toHaveLength(AUDIT_FIELD_CAPS.email);
    expect(details.nested.notes[0]).toHaveLength(AUDIT_FIELD_CAPS.text);
    expect(details.count).toBe(3);
  });
});
