import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeployment, type DeploymentInput } from "@/lib/provisioning";
import { detectObjectTenant } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { testDb } from "@/test/support/db";
import { listDeployments } from "./deployments";

const db = testDb();
let gax: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  gax = await startTestSandbox();
});
afterAll(() => gax.sandbox.close());

const registered = (overrides: Partial<DeploymentInput>) =>
  createDeployment(db, testAudit, {
    name: `listed-${randomBytes(4).toString("hex")}`,
    layout: "single-tenant",
    gaxBaseUrl: gax.sandbox.deploymentUrls["single-resources"]!,
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
    ...overrides,
  });
const rowOf = async (id: string) => (await listDeployments(db)).find((row) => row.id === id)!;

describe("the deployments page's rows", () => {
  it("show where a single-tenant deployment keeps hybrid_integration, and what detection said", async () => {
    const detected = await registered({});
    const before = { choice: "detect", name: null, source: null, checkedAt: null };
    expect((await rowOf(detected.id)).objectTenant).toMatchObject(before);
    await detectObjectTenant(db, testAudit, { deploymentId: detected.id });
    const row = await rowOf(detected.id);
    const after = { choice: "detect", name: "Resources", source: "detected", problem: null, warning: null };
    expect(row.objectTenant).toMatchObject(after);
    expect(row.objectTenant?.checkedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const chosen = await registered({ objectTenant: "Environment" });
    await detectObjectTenant(db, testAudit, { deploymentId: chosen.id });
    expect((await rowOf(chosen.id)).objectTenant).toMatchObject({
      name: "Environment",
      source: "chosen",
      warning: "GAX shows a Resources tenant, not Environment: check the deployment's choice.",
    });

    const multi = await registered({ layout: "multi-tenant", gaxBaseUrl: gax.sandbox.deploymentUrls.multi! });
    expect((await rowOf(multi.id)).objectTenant).toBeNull();
  });
});
