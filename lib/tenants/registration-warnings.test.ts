import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeployment, createTenant } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { testDb } from "@/test/support/db";
import { registrationWarnings } from "./registration-warnings";

const db = testDb();
let gax: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  gax = await startTestSandbox();
});
afterAll(() => gax.sandbox.close());

const multiDeployment = () =>
  createDeployment(db, testAudit, {
    name: `multi-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: gax.sandbox.deploymentUrls.multi!,
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
  });

describe("warnings before pairing a tenant with an org", () => {
  it("say nothing for a tenant GAX shows and an org paired nowhere else", async () => {
    const deployment = await multiDeployment();
    const clientId = `client-${randomBytes(4).toString("hex")}`;
    expect(
      await registrationWarnings(db, {
        deploymentId: deployment.id,
        cfgTenantName: "Acme",
        bootstrapClientId: clientId,
      }),
    ).toEqual([]);
  });

  it("name the other tenant the org is paired with, and a Configuration Server tenant GAX does not show", async () => {
    const deployment = await multiDeployment();
    const clientId = `client-${randomBytes(4).toString("hex")}`;
    await createTenant(db, testAudit, {
      deploymentId: deployment.id,
      cfgTenantName: "Acme",
      region: "eu-central-1",
      bootstrapClientId: clientId,
      bootstrapClientSecret: "bootstrap-secret-123",
    });
    const warnings = await registrationWarnings(db, {
      deploymentId: deployment.id,
      cfgTenantName: "Nowhere",
      bootstrapClientId: clientId,
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(`already paired with tenant ${deployment.name}/Acme`);
    expect(warnings[1]).toContain(`Tenant "Nowhere" was not found in Configuration Server`);
  });
});
