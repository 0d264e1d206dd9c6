import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditContext } from "@/lib/audit/record";
import {
  createDeployment,
  BOOTSTRAP_SECRET,
  tenantSecretRef,
  createTenant,
  SAML_KEY_MATERIAL,
  SAML2_BEARER_CLIENT,
} from "@/lib/provisioning";
import { sealSecret } from "@/lib/secrets/store";
import { testDb } from "@/test/support/db";
import { refuseReveal, revealSecretSchema, revealTenantSecret, stepOfSecret } from "./reveal-secret";

const audit: AuditContext = {
  actor: { id: null, email: "revealer@example.test", role: "operator" },
  clientAddress: "127.0.0.1",
  userAgent: "vitest",
};
const keyPassword = "saml-key-material.key-password";
const clientSecret = "saml2-bearer-client.client-secret";
const secretValue = `reveal-me-${randomBytes(12).toString("hex")}`;
let tenantId: string;

beforeAll(async () => {
  const db = testDb();
  const deployment = await createDeployment(db, audit, {
    name: `reveal-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: "http://127.0.0.1:9/gax",
    gaxUsername: "gax-admin",
    gaxPassword: "gax-password-for-reveal",
  });
  const tenant = await createTenant(db, audit, {
    deploymentId: deployment.id,
    cfgTenantName: "Reveal",
    region: "eu-west-1",
    bootstrapClientId: "bootstrap-client",
    bootstrapClientSecret: "bootstrap-secret-never-shown",
  });
  tenantId = tenant.id;
  await sealSecret(db, { ref: tenantSecretRef(tenantId, keyPassword), value: secretValue });
});

const revealEvents = () =>
  testDb().auditEvent.findMany({ where: { action: "secret.reveal", targetId: tenantId }, orderBy: { seq: "asc" } });

describe("revealing a tenant secret", () => {
  it("knows which step a secret belongs to and refuses names that are not a step's", () => {
    expect(stepOfSecret(keyPassword)?.key).toBe(SAML_KEY_MATERIAL);
    expect(stepOfSecret(clientSecret)?.key).toBe(SAML2_BEARER_CLIENT);
    expect(stepOfSecret(BOOTSTRAP_SECRET)).toBeUndefined();
    expect(stepOfSecret("saml-key-material.")).toBeUndefined();
    expect(revealSecretSchema.safeParse({ tenantId: "nope", purpose: keyPassword }).error?.issues[0]).toMatchObject({
      path: ["tenantId"],
      message: "must be a tenant id",
    });
    expect(revealSecretSchema.safeParse({ tenantId, purpose: " " }).error?.issues[0]).toMatchObject({
      path: ["purpose"],
      message: "must name the secret",
    });
  });

  it("returns the value and records secret.reveal with purpose and step, in the same transaction, without the value", async () => {
    const before = (await revealEvents()).length;
    const revealed = await revealTenantSecret(testDb(), audit, { tenantId, purpose: keyPassword });
    expect(revealed).toEqual({ purpose: keyPassword, value: secretValue });

    const events = await revealEvents();
    expect(events).toHaveLength(before + 1);
    const event = events.at(-1)!;
    expect(event).toMatchObject({
      outcome: "success",
      targetType: "tenant",
      targetId: tenantId,
      actorEmail: audit.actor.email,
      actorRole: "operator",
    });
    expect(event.targetLabel).toMatch(/\/Reveal$/);
    expect(event.details).toEqual({ purpose: keyPassword, step: SAML_KEY_MATERIAL, reason: "shown on the checklist" });
    const row = JSON.stringify(event, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
    expect(row).not.toContain(secretValue);
    expect(row).not.toContain(Buffer.from(secretValue).toString("base64"));
  });

  it("refuses the bootstrap secret (never shown again) and writes nothing", async () => {
    await sealSecret(testDb(), {
      ref: tenantSecretRef(tenantId, BOOTSTRAP_SECRET),
      value: "bootstrap-secret-never-shown",
    });
    const before = (await revealEvents()).length;
    await expect(revealTenantSecret(testDb(), audit, { tenantId, purpose: BOOTSTRAP_SECRET })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { purpose: ["is not the secret of a checklist step"] },
    });
    expect(await revealEvents()).toHaveLength(before);
  });

  it("says what to do when the step has not stored the secret yet, and records no reveal", async () => {
    const before = (await revealEvents()).length;
    await expect(revealTenantSecret(testDb(), audit, { tenantId, purpose: clientSecret })).rejects.toMatchObject({
      code: "not_found",
      message: expect.stringContaining("Apply the step to create it"),
    });
    expect(await revealEvents()).toHaveLength(before);
  });

  it("refuses an unknown tenant", async () => {
    await expect(
      revealTenantSecret(testDb(), audit, { tenantId: "00000000-0000-4000-8000-000000000000", purpose: keyPassword }),
    ).rejects.toMatchObject({ code: "not_found" });
  });

  it("gives no value when the audit record cannot be written", async () => {
    const before = (await revealEvents()).length;
    // PostgreSQL refuses NUL in text: the audit insert fails inside the reveal's transaction.
    const unwritable: AuditContext = { ...audit, actor: { ...audit.actor, email: "broken\u0000@example.test" } };
    await expect(revealTenantSecret(testDb(), unwritable, { tenantId, purpose: keyPassword })).rejects.toThrow();
    expect(await revealEvents()).toHaveLength(before);
  });
});

describe("a reveal the role does not allow", () => {
  const viewer: AuditContext = {
    actor: { id: null, email: "viewer@example.test", role: "viewer" },
    clientAddress: "127.0.0.1",
    userAgent: "vitest",
  };

  it("is refused and recorded as a failed secret.reveal naming who tried which secret, without any value", async () => {
    const before = (await revealEvents()).length;
    await expect(refuseReveal(testDb(), viewer, { tenantId, purpose: keyPassword })).rejects.toMatchObject({
      code: "forbidden",
      message: "Your role does not allow revealing secrets.",
    });
    const events = await revealEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      outcome: "failure",
      actorEmail: "viewer@example.test",
      actorRole: "viewer",
      details: { purpose: keyPassword, reason: "refused: the viewer role may not reveal secrets" },
    });
    expect(JSON.stringify(events.at(-1)!.details)).not.toContain(secretValue);
  });

  it("is refused without a record for a tenant that does not exist", async () => {
    const count = await testDb().auditEvent.count({ where: { action: "secret.reveal" } });
    await expect(
      refuseReveal(testDb(), viewer, { tenantId: "00000000-0000-4000-8000-000000000000", purpose: keyPassword }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await testDb().auditEvent.count({ where: { action: "secret.reveal" } })).toBe(count);
  });
});
