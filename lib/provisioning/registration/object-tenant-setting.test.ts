import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { testDb } from "@/test/support/db";
import { createDeployment, type DeploymentInput } from "./deployments";
import { chooseObjectTenant, detectObjectTenant } from "./object-tenant-setting";
import { createTenant } from "./tenants";
import { testAudit } from "../test-support";

const db = testDb();
let gax: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  gax = await startTestSandbox();
});
afterAll(() => gax.sandbox.close());

const deploymentOf = (overrides: Partial<DeploymentInput>) =>
  createDeployment(db, testAudit, {
    name: `single-${randomBytes(4).toString("hex")}`,
    layout: "single-tenant",
    gaxBaseUrl: gax.sandbox.deploymentUrls["single-resources"]!,
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
    ...overrides,
  });
const registerTenant = (deploymentId: string) =>
  createTenant(db, testAudit, {
    deploymentId,
    region: "eu-central-1",
    bootstrapClientId: randomUUID(),
    bootstrapClientSecret: "bootstrap-secret-123",
  });
const eventsOf = (deploymentId: string, action: string) =>
  db.auditEvent.findMany({ where: { targetId: deploymentId, action }, orderBy: { seq: "asc" } });
const storedOf = (deploymentId: string) => db.deployment.findUniqueOrThrow({ where: { id: deploymentId } });
const DETECTED = "deployment.detect_object_tenant";

describe("which tenant of a single-tenant deployment holds hybrid_integration", () => {
  it("is detected in GAX and recorded on the deployment, with an audit record that carries no password", async () => {
    const deployment = await deploymentOf({});
    const outcome = await detectObjectTenant(db, testAudit, { deploymentId: deployment.id });
    const found = { objectTenant: { name: "Resources", source: "detected" }, warning: null, renamedTenant: null };
    expect(outcome).toEqual(found);
    const stored = await storedOf(deployment.id);
    expect(stored).toMatchObject({ objectTenant: "detect", detectedObjectTenant: "Resources" });
    expect(stored.objectTenantProblem).toBeNull();
    expect(stored.objectTenantCheckedAt).toBeInstanceOf(Date);
    const [event] = await eventsOf(deployment.id, DETECTED);
    const details = { objectTenant: "detect", found: "Resources", problem: null };
    expect(event).toMatchObject({ outcome: "success", details });
    expect(JSON.stringify(event!.details)).not.toContain(SANDBOX_ADMIN.password);
    expect((await registerTenant(deployment.id)).cfgTenantName).toBe("Resources");
  });

  it("says why nothing was found when GAX does not answer or refuses the user, and can be detected again", async () => {
    const deployment = await deploymentOf({ gaxBaseUrl: "http://127.0.0.1:9/gax" });
    const unreachable = await detectObjectTenant(db, testAudit, {
      deploymentId: deployment.id,
      gax: { timeoutMs: 2_000 },
    });
    const problem = new RegExp(
      `^Deployment "${deployment.name}" does not know which tenant holds hybrid_integration: ` +
        "GAX could not be asked which tenant there is: GAX did not answer",
    );
    expect(unreachable.objectTenant).toEqual({ name: null, problem: expect.stringMatching(problem) });
    const [failed] = await eventsOf(deployment.id, DETECTED);
    const unanswered = { found: null, problem: expect.stringContaining("GAX did not answer") };
    expect(failed).toMatchObject({ outcome: "failure", details: unanswered });

    const wrongPassword = await deploymentOf({ gaxPassword: "not-the-password" });
    expect((await detectObjectTenant(db, testAudit, { deploymentId: wrongPassword.id })).objectTenant.name).toBeNull();
    const [refused] = await eventsOf(wrongPassword.id, DETECTED);
    const signInRefused = { problem: expect.stringMatching(/GAX refused the sign-in/) };
    expect(refused).toMatchObject({ outcome: "failure", details: signInRefused });
    expect(JSON.stringify(refused!.details)).not.toContain("not-the-password");

    const reachable = gax.sandbox.deploymentUrls["single-resources"]!;
    await db.deployment.update({ where: { id: deployment.id }, data: { gaxBaseUrl: reachable } });
    const again = await detectObjectTenant(db, testAudit, { deploymentId: deployment.id });
    expect(again.objectTenant).toEqual({ name: "Resources", source: "detected" });
    const stored = await storedOf(deployment.id);
    expect(stored.detectedObjectTenant).toBe("Resources");
    expect(stored.objectTenantProblem).toBeNull();
  });

  it("follows the operator's choice over detection, warns when GAX shows another, and renames the tenant", async () => {
    const deployment = await deploymentOf({ objectTenant: "Resources" });
    const tenant = await registerTenant(deployment.id);
    expect(tenant.cfgTenantName).toBe("Resources");

    const renamedTenant = { id: tenant.id, from: "Resources", to: "Environment" };
    const chosen = await chooseObjectTenant(db, testAudit, { deploymentId: deployment.id, choice: "Environment" });
    expect(chosen).toEqual({ objectTenant: { name: "Environment", source: "chosen" }, warning: null, renamedTenant });
    expect((await db.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).cfgTenantName).toBe("Environment");
    const [update] = await eventsOf(deployment.id, "deployment.update");
    const changes = { objectTenant: { from: "Resources", to: "Environment" } };
    expect(update!.details).toEqual({ changes, renamedTenant });

    const checked = await detectObjectTenant(db, testAudit, { deploymentId: deployment.id });
    expect(checked).toEqual({
      objectTenant: { name: "Environment", source: "chosen" },
      warning: "GAX shows a Resources tenant, not Environment: check the deployment's choice.",
      renamedTenant: null,
    });

    const detected = await chooseObjectTenant(db, testAudit, { deploymentId: deployment.id, choice: "detect" });
    expect(detected).toMatchObject({
      objectTenant: { name: "Resources", source: "detected" },
      warning: null,
      renamedTenant: { from: "Environment", to: "Resources" },
    });
  });

  it("refuses a multi-tenant deployment and an unknown choice, naming the field", async () => {
    const multi = await deploymentOf({ layout: "multi-tenant", gaxBaseUrl: gax.sandbox.deploymentUrls.multi! });
    const attempts = [
      () => detectObjectTenant(db, testAudit, { deploymentId: multi.id }),
      () => chooseObjectTenant(db, testAudit, { deploymentId: multi.id, choice: "Resources" }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      const fieldErrors = { objectTenant: ["applies only to a single-tenant deployment"] };
      expect(error).toMatchObject({ code: "invalid_input", fieldErrors });
    }
    const single = await deploymentOf({});
    const unknown = chooseObjectTenant(db, testAudit, { deploymentId: single.id, choice: "Tenants" as never });
    const fieldErrors = { objectTenant: ["must be detect, Environment, Resources"] };
    await expect(unknown).rejects.toMatchObject({ fieldErrors });
  });
});
