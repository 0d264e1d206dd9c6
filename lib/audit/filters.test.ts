import { describe, expect, it } from "vitest";
import { auditQueryString, parseAuditQuery } from "@/lib/audit/filters";

const tenantId = "3f0c8c52-6a3e-4c59-9d1b-2a8f0f6f1a01";

describe("parseAuditQuery", () => {
  it("reads every filter and the cursor from the URL, times as UTC", () => {
    const result = parseAuditQuery(
      new URLSearchParams({
        tenant: tenantId,
        actor: "ada@example.test",
        action: "step.fail",
        outcome: "failure",
        from: "2026-01-31T14:30",
        to: "2026-02-01",
        q: "  gax timeout ",
        before: "120",
      }),
    );
    expect(result).toEqual({
      ok: true,
      value: {
        filters: {
          targetType: "tenant",
          targetId: tenantId,
          actor: "ada@example.test",
          action: "step.fail",
          outcome: "failure",
          from: new Date("2026-01-31T14:30:00Z"),
          to: new Date("2026-02-01T00:00:00Z"),
          q: "gax timeout",
        },
        cursor: { before: BigInt(120) },
      },
    });
  });

  it("treats empty values and 'any' as no filter, and keeps an explicit zone", () => {
    expect(parseAuditQuery({ action: "any", outcome: "", q: " ", from: "2026-01-31T14:30:00+02:00" })).toEqual({
      ok: true,
      value: { filters: { from: new Date("2026-01-31T12:30:00Z") } },
    });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseAuditQuery({ outcome: ["success", "failure"] })).toEqual({
      ok: true,
      value: { filters: { outcome: "success" } },
    });
  });

  it("names the parameter and the rule for every bad value", () => {
    const result = parseAuditQuery({
      action: "user.explode",
      outcome: "maybe",
      from: "yesterday",
      q: "ab",
      before: "12a",
      tenant: "nope",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      action: ["must be one of the recorded actions"],
      outcome: ["must be success or failure"],
      from: ["must be a date and time like 2026-01-31T14:30 (UTC)"],
      q: ["needs at least 3 characters"],
      before: ["must be an event number"],
      tenant: ["must be a tenant id"],
    });
  });

  it("refuses contradictions: an empty time range, two cursors, a tenant and another target", () => {
    const result = parseAuditQuery({
      from: "2026-02-01",
      to: "2026-01-01",
      before: "5",
      after: "3",
      tenant: tenantId,
      targetType: "user",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        to: ["must be later than from"],
        after: ["cannot be combined with before"],
        tenant: ["cannot be combined with targetType or targetId"],
      },
    });
    expect(parseAuditQuery({ targetId: "u1" })).toEqual({
      ok: false,
      errors: { targetId: ["needs targetType as well"] },
    });
    expect(parseAuditQuery({ from: "2026-02-30T10:00" })).toEqual({
      ok: false,
      errors: { from: ["is not a real date and time"] },
    });
  });
});

describe("parseAuditQuery refuses, before any query, what the database would choke on", () => {
  it("a NUL byte or another control character in text, naming the parameter", () => {
    expect(parseAuditQuery({ q: "abc\u0000def" })).toEqual({
      ok: false,
      errors: { q: ["must not contain control characters"] },
    });
    expect(parseAuditQuery({ actor: "ada\u0007@example.test" })).toEqual({
      ok: false,
      errors: { actor: ["must not contain control characters"] },
    });
  });

  it("an event number beyond the largest one PostgreSQL can hold", () => {
    expect(parseAuditQuery({ before: "9223372036854775808" })).toEqual({
      ok: false,
      errors: { before: ["must be an event number (at most 9223372036854775807)"] },
    });
    expect(parseAuditQuery({ before: "9223372036854775807" }).ok).toBe(true);
  });

  it("a time outside the years the log can have", () => {
    expect(parseAuditQuery({ from: "0000-01-01" })).toEqual({
      ok: false,
      errors: { from: ["must be between the years 1970 and 9999"] },
    });
    expect(parseAuditQuery({ to: "1969-12-31T23:59" })).toEqual({
      ok: false,
      errors: { to: ["must be between the years 1970 and 9999"] },
    });
  });
});

describe("auditQueryString", () => {
  it("writes what parseAuditQuery reads back", () => {
    const filters = {
      targetType: "user",
      targetId: "u-1",
      actor: "system",
      action: "user.update" as const,
      outcome: "success" as const,
      from: new Date("2026-01-01T00:00:00Z"),
      q: "a&b=c",
    };
    const text = auditQueryString(filters, { after: BigInt(7) });
    expect(parseAuditQuery(new URLSearchParams(text.slice(1)))).toEqual({
      ok: true,
      value: { filters, cursor: { after: BigInt(7) } },
    });
  });

  it("uses the short tenant form and is empty without filters", () => {
    expect(auditQueryString({ targetType: "tenant", targetId: tenantId })).toBe(`?tenant=${tenantId}`);
    expect(auditQueryString({})).toBe("");
  });
});
