import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { rawGaxSession, startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { testDb } from "@/test/support/db";
import { TRANSACTION_OBJECT } from "../model/step-keys";
import { testAudit } from "../test-support";
import { createDeployment, type DeploymentInput } from "./deployments";
import { discoverTenants } from "./tenant-discovery";
import { createTenant } from "./tenants";

const db = testDb();
let gax: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  gax = await startTestSandbox();
});
afterAll(() => gax.sandbox.close());

const multiUrl = () => gax.sandbox.deploymentUrls.multi!;
const deploymentOf = (overrides: Partial<DeploymentInput> = {}) =>
  createDeployment(db, testAudit, {
    name: `discovery-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: multiUrl(),
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
    ...overrides,
  });
const register = (deploymentId: string, cfgTenantName: string) =>
  createTenant(db, testAudit, {
    deploymentId,
    cfgTenantName,
    region: "eu-central-1",
    bootstrapClientId: randomUUID(),
    bootstrapClientSecret: "bootstrap-secret-123",
  });
const discoverEvents = (deploymentId: string) =>
  db.auditEvent.findMany({ where: { targetId: deploymentId, action: "deployment.discover" }, orderBy: { seq: "asc" } });

async function discoveryError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("tenant discovery: what GAX lists against what is registered", () => {
  it("lists unregistered tenants with their state, finds registered ones by DBID or name, and flags absent ones", async () => {
    const admin = await rawGaxSession(multiUrl(), SANDBOX_ADMIN);
    const hooli = await admin.post<{ dbid: string }>("cfg/objects", { type: "CfgTenant", name: "Hooli" });
    const umbrella = { type: "CfgTenant", name: "Umbrella", state: "CFGDisabled" };
    const disabled = await admin.post<{ dbid: string }>("cfg/objects", umbrella);
    expect([hooli.status, disabled.status]).toEqual([201, 201]);

    const deployment = await deploymentOf();
    await register(deployment.id, "Acme");
    const globex = await register(deployment.id, "Globex");
    // Globex was provisioned: its object went to tenant DBID 102, which GAX then renamed.
    const outputs = { dbid: "201", tenantDbid: "102", cfgTenant: "Globex" };
    await db.stepState.create({ data: { tenantId: globex.id, stepKey: TRANSACTION_OBJECT, status: "done", outputs } });
    const renamed = await admin.get<Record<string, unknown>>("cfg/objects/CfgTenant/102");
    expect((await admin.put("cfg/objects/CfgTenant/102", { ...renamed.body, name: "Globex Corp" })).status).toBe(200);
    await register(deployment.id, "Hooli");
    expect((await admin.delete(`cfg/objects/CfgTenant/${hooli.body.dbid}`)).status).toBe(204);

    const discovery = await discoverTenants(db, testAudit, { deploymentId: deployment.id });

    expect(discovery.unregistered).toEqual([
      { dbid: "103", name: "Initech", state: "enabled" },
      { dbid: disabled.body.dbid, name: "Umbrella", state: "disabled" },
    ]);
    expect(discovery.present).toEqual([
      expect.objectContaining({
        cfgTenantName: "Acme",
        gax: { dbid: "101", name: "Acme", state: "enabled" },
        matchedBy: "name",
      }),
      expect.objectContaining({
        cfgTenantName: "Globex",
        gax: expect.objectContaining({ name: "Globex Corp" }),
        matchedBy: "dbid",
      }),
    ]);
    expect(discovery.absent).toEqual([expect.objectContaining({ cfgTenantName: "Hooli", tenantDbid: null })]);
    expect(discovery.skipped).toEqual(["Environment"]);

    const [event] = await discoverEvents(deployment.id);
    expect(event).toMatchObject({
      outcome: "success",
      details: { counts: { listed: 5, unregistered: 2, present: 2, absent: 1 }, absent: ["Hooli"] },
    });
    expect(JSON.stringify(event!.details)).not.toContain(SANDBOX_ADMIN.password);
  });

  it("says what to do when GAX refuses the sign-in or does not answer, and audits the failure", async () => {
    const refused = await deploymentOf({ gaxPassword: "not-the-password" });
    const signIn = await discoveryError(discoverTenants(db, testAudit, { deploymentId: refused.id }));
    expect(signIn.code).toBe("unavailable");
    expect(signIn.message).toMatch(/could not list its tenants: GAX refused the sign-in of user "gax-admin"/);
    expect(signIn.message).toMatch(/Fix the GAX user or password with Edit on the Deployments page/);
    expect(signIn.message).not.toContain("not-the-password");
    const [failure] = await discoverEvents(refused.id);
    expect(failure).toMatchObject({ outcome: "failure", details: { problem: signIn.message } });

    const down = await deploymentOf({ gaxBaseUrl: "http://127.0.0.1:9" });
    const options = { deploymentId: down.id, gax: { timeoutMs: 2_000 } };
    const unreachable = await discoveryError(discoverTenants(db, testAudit, options));
    expect(unreachable.message).toMatch(/GAX did not answer.*Check that GAX runs and that this server reaches it/);
    expect(await discoverEvents(down.id)).toHaveLength(1);
  });

  it("explains that a single-tenant deployment has one tenant instead of discovering", async () => {
    const single = await deploymentOf({ layout: "single-tenant", gaxBaseUrl: gax.sandbox.deploymentUrls.single! });
    const error = await discoveryError(discoverTenants(db, testAudit, { deploymentId: single.id }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(
      /^A single-tenant deployment has one Configuration Server tenant, Environment or Resources/,
    );
    expect(await discoverEvents(single.id)).toHaveLength(0);
  });
});
