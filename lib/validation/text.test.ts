import { describe, expect, it } from "vitest";
import { httpUrl, lineText, multilineText, secretText } from "@/lib/validation/text";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("text rules", () => {
  it("a line: trimmed, not empty, within its length, without control characters or line breaks", () => {
    expect(lineText(10).parse("  name  ")).toBe("name");
    expect(messages(lineText(10).safeParse(""))).toEqual(["must not be empty"]);
    expect(messages(lineText(10).safeParse("x".repeat(11)))).toEqual(["must be at most 10 characters"]);
    for (const bad of ["a\u0000b", "a\nb", "a\u001bb"])
      expect(messages(lineText(10).safeParse(bad))).toEqual(["must not contain control characters or line breaks"]);
  });

  it("multiline text keeps line breaks and tabs, not other control characters", () => {
    expect(multilineText(50).parse("one\ntwo\tthree")).toBe("one\ntwo\tthree");
    expect(messages(multilineText(50).safeParse("a\u0000b"))).toEqual(["must not contain control characters"]);
  });

  it("a secret keeps its spaces but not NUL or line breaks", () => {
    expect(secretText().parse(" pass word ")).toBe(" pass word ");
    expect(messages(secretText().safeParse("pa\u0000ss"))).toEqual([
      "must not contain control characters or line breaks",
    ]);
  });

  it("a URL: http(s), at most 2,048 characters", () => {
    expect(httpUrl().parse("https://gax.example:8080")).toBe("https://gax.example:8080");
    expect(messages(httpUrl().safeParse(`https://gax.example/${"x".repeat(5000)}`))).toEqual([
      "must be at most 2048 characters",
    ]);
    expect(messages(httpUrl().safeParse("ftp://gax.example"))).toEqual(["must be an http(s) URL"]);
  });
});

describe("the text rules where operators type", () => {
  it("hold for tenant settings and values entered to complete a step by hand, naming the field", async () => {
    const { SAML_KEY_MATERIAL, tenantSettingsSchema } = await import("@/lib/provisioning");
    const { manualCompletionSchema } = await import("@/lib/tenants/run-request");
    const settings = tenantSettingsSchema.safeParse({
      adminUsers: [{ name: "Ops\u0000", email: "ops@example.test" }],
      smokeTestUser: "x".repeat(121),
    });
    expect(settings.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["adminUsers.0.name", "must not contain control characters or line breaks"],
      ["smokeTestUser", "must be at most 120 characters"],
    ]);
    const manual = manualCompletionSchema.safeParse({
      tenantId: crypto.randomUUID(),
      stepKey: SAML_KEY_MATERIAL,
      values: { certificatePem: "-----BEGIN\u0000" },
    });
    expect(manual.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["values.certificatePem", "must not contain control characters"],
    ]);
    expect(
      manualCompletionSchema.safeParse({
        tenantId: crypto.randomUUID(),
        stepKey: SAML_KEY_MATERIAL,
        values: { certificatePem: "-----BEGIN\r\nabc\n" },
      }).success,
    ).toBe(true);
  });
});
