import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { rejectionOf } from "@/test/support/rejection";
import { testDb } from "@/test/support/db";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { createDeployment } from "./deployments";
import { deleteTenant, tenantUpdateInput, updateTenant } from "./tenant-changes";
import { createTenant } from "./tenants";
import { testAudit } from "../test-support";

const db = testDb();
const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

async function registeredTenant() {
  const deployment = await createDeployment(db, testAudit, {
    name: `dep-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: "http://gax.example:8080",
    gaxUsername: "provisioner",
    gaxPassword: "gax-password-123",
  });
  return createTenant(db, testAudit, {
    deploymentId: deployment.id,
    cfgTenantName: "Acme",
    region: "eu-central-1",
    bootstrapClientId: "client-1",
    bootstrapClientSecret: "bootstrap-secret-123",
  });
}

describe("editing a tenant", () => {
  it("keeps the sealed secret unless a new one is given, and audits what changed but never the secret", async () => {
    const tenant = await registeredTenant();
    const kept = await tenantUpdateInput(db, {
      tenantId: tenant.id,
      region: "eu-west-1",
      bootstrapClientId: "client-2",
    });
    expect(kept.input.bootstrapClientSecret).toBe("bootstrap-secret-123");
    await updateTenant(db, testAudit, kept);
    const replaced = await tenantUpdateInput(db, {
      tenantId: tenant.id,
      region: "eu-west-1",
      bootstrapClientId: "client-2",
      bootstrapClientSecret: "new-secret-456",
    });
    await updateTenant(db, testAudit, replaced);
    expect(await openSecret(db, tenantSecretRef(tenant.id, BOOTSTRAP_SECRET))).toBe("new-secret-456");
    const stored = await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(stored).toMatchObject({ region: "eu-west-1", bootstrapClientId: "client-2" });
    const events = await db.auditEvent.findMany({
      where: { targetId: tenant.id, action: "tenant.update" },
      orderBy: { seq: "asc" },
    });
    expect(events.map((event) => event.details)).toEqual([
      {
        changes: {
          region: { from: "eu-central-1", to: "eu-west-1" },
          bootstrapClientId: { from: "client-1", to: "client-2" },
        },
        resealed: [],
      },
      { changes: {}, resealed: ["bootstrap-client-secret"] },
    ]);
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain("new-secret-456");
  });

  it("is refused by registration's rules: without a region, the apps URLs are needed", async () => {
    const tenant = await registeredTenant();
    const refused = await failureOf(
      tenantUpdateInput(db, {
        tenantId: tenant.id,
        loginBaseUrl: "http://127.0.0.1:1",
        apiBaseUrl: "http://127.0.0.1:1",
        bootstrapClientId: "client-1",
        settings: {},
      }),
    );
    expect(Object.keys(refused.fieldErrors!).sort()).toEqual(["settings.redirectUri", "settings.ssoTargetUri"]);
  });
});

describe("deleting a tenant", () => {
  it("is refused while provisioned objects exist, pointing to the decommission", async () => {
    const tenant = await registeredTenant();
    await db.stepState.create({
      data: { tenantId: tenant.id, stepKey: "oauth-clients", status: "done", lastAppliedAt: new Date() },
    });
    const refused = await failureOf(deleteTenant(db, testAudit, { tenantId: tenant.id }));
    expect(refused.code).toBe("precondition_failed");
    expect(refused.message).toMatch(/decommission/);
    expect(await db.tenant.count({ where: { id: tenant.id } })).toBe(1);
  });

  it("removes the tenant, its runs and secrets, and keeps its audit history", async () => {
    const tenant = await registeredTenant();
    await db.run.create({
      data: {
        tenantId: tenant.id,
        mode: "plan",
        status: "succeeded",
        correlationId: "c-1",
        leaseExpiresAt: new Date(),
      },
    });
    await deleteTenant(db, testAudit, { tenantId: tenant.id });
    expect(await db.tenant.count({ where: { id: tenant.id } })).toBe(0);
    expect(await db.run.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect(await db.secret.count({ where: { ownerType: "tenant", ownerId: tenant.id } })).toBe(0);
    const history = await db.auditEvent.findMany({ where: { targetId: tenant.id }, orderBy: { seq: "asc" } });
    expect(history.map((event) => event.action)).toEqual(["tenant.create", "tenant.delete"]);
    expect(history[1]!.details).toMatchObject({ cfgTenantName: "Acme", runs: 1 });
  });
});
