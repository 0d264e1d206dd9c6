import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogue, type AnyStep } from "@/lib/provisioning";
import { manualFieldsOf, manualValuesFrom } from "./manual-fields";

const stepWith = (schema: z.ZodType) =>
  ({ key: "probe", manual: { schema, description: "probe", complete: async () => ({}) } }) as unknown as AnyStep;

describe("manual completion fields", () => {
  it("derive names, labels, kinds and required flags from the schema", () => {
    const fields = manualFieldsOf(
      stepWith(
        z.object({
          clientId: z.string().min(1),
          clientSecret: z.string(),
          certificate: z.string(),
          keyPassword: z.string().optional(),
          encrypted: z.boolean().default(false),
        }),
      ),
    );
    expect(fields).toEqual([
      { name: "clientId", label: "Client id", kind: "text", required: true },
      { name: "clientSecret", label: "Client secret", kind: "secret", required: true },
      { name: "certificate", label: "Certificate", kind: "multiline", required: true },
      { name: "keyPassword", label: "Key password", kind: "secret", required: false },
      { name: "encrypted", label: "Encrypted", kind: "boolean", required: false },
    ]);
  });

  it("exist for every catalogue step with manual completion, and only for those", () => {
    for (const step of catalogue) {
      const fields = manualFieldsOf(step);
      expect(fields === null, step.key).toBe(!step.manual);
      if (fields) expect(fields.length, step.key).toBeGreaterThan(0);
    }
  });

  it("turn form values into what the schema expects", () => {
    const fields = manualFieldsOf(
      stepWith(z.object({ key: z.string(), password: z.string().optional(), encrypted: z.boolean().default(false) })),
    )!;
    expect(manualValuesFrom(fields, { key: "PEM", password: "", encrypted: "on", extra: "ignored" })).toEqual({
      key: "PEM",
      encrypted: true,
    });
  });
});
