import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { rejectionOf } from "@/test/support/rejection";
import { testDb } from "@/test/support/db";
import { gaxPasswordRef } from "../model/secret-refs";
import {
  checkDeploymentConnection,
  deleteDeployment,
  registerDeployment,
  updateDeployment,
} from "./deployment-changes";
import { createTenant } from "./tenants";
import { testAudit } from "../test-support";

const db = testDb();
let gax: Awaited<ReturnType<typeof startTestSandbox>>;
beforeAll(async () => {
  gax = await startTestSandbox();
});
afterAll(() => gax.sandbox.close());

const fast = { timeoutMs: 2_000 };
const input = (overrides: Record<string, unknown> = {}) => ({
  name: `dep-${randomBytes(4).toString("hex")}`,
  layout: "multi-tenant" as const,
  gaxBaseUrl: gax.sandbox.deploymentUrls.multi!,
  gaxUsername: SANDBOX_ADMIN.username,
  gaxPassword: SANDBOX_ADMIN.password,
  gax: fast,
  ...overrides,
});
const failureOf = (promise: Promise<unknown>) => rejectionOf(promise, AppError);
const eventsOf = (deploymentId: string) =>
  db.auditEvent.findMany({ where: { targetId: deploymentId }, orderBy: { seq: "asc" } });

describe("registering a deployment", () => {
  it("names every problem of an empty form at once, by label in the summary, an unparsable URL included", async () => {
    const empty = { name: "", layout: "multi-tenant", gaxBaseUrl: "", gaxUsername: "", gaxPassword: "" };
    const refused = await failureOf(registerDeployment(db, testAudit, empty as never));
    expect(Object.keys(refused.fieldErrors!).sort()).toEqual(["gaxBaseUrl", "gaxPassword", "gaxUsername", "name"]);
    expect(refused.fieldErrors!.gaxBaseUrl).toEqual(["must be an http(s) URL such as http://gax.example:8080"]);
    expect(refused.message).toContain("GAX username must not be empty");
    const missing = await failureOf(registerDeployment(db, testAudit, { layout: "multi-tenant" } as never));
    expect(missing.fieldErrors!.gaxPassword).toEqual(["is required"]);
  });

  it("signs in to GAX first and keeps the result as the deployment's health", async () => {
    const { deployment, connection } = await registerDeployment(db, testAudit, input());
    expect(connection.ok).toBe(true);
    expect(await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } })).toMatchObject({
      connectionOk: true,
      connectionMessage: `GAX accepted the sign-in of user "${SANDBOX_ADMIN.username}".`,
    });
  });

  it("refuses a wrong password and an unreachable URL with GAX's reason, naming the field", async () => {
    const wrong = await failureOf(registerDeployment(db, testAudit, input({ gaxPassword: "not-the-password" })));
    expect(wrong.code).toBe("invalid_input");
    expect(wrong.fieldErrors!.gaxPassword![0]).toMatch(/GAX refused the sign-in of user/);
    const unreachable = await failureOf(
      registerDeployment(db, testAudit, input({ gaxBaseUrl: "http://127.0.0.1:9/" })),
    );
    expect(unreachable.fieldErrors!.gaxBaseUrl![0]).toMatch(/GAX did not answer/);
    const metadata = await failureOf(
      registerDeployment(db, testAudit, input({ gaxBaseUrl: "http://169.254.169.254/" })),
    );
    expect(metadata.fieldErrors!.gaxBaseUrl![0]).toMatch(/link-local or cloud metadata address/);
    expect(await db.deployment.count({ where: { gaxBaseUrl: "http://127.0.0.1:9/" } })).toBe(0);
  });

  it("saves a refused deployment when the operator saves anyway, and says so in its health and audit record", async () => {
    const { deployment } = await registerDeployment(
      db,
      testAudit,
      input({ gaxPassword: "not-the-password", saveAnyway: true }),
    );
    const stored = await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } });
    expect(stored.connectionOk).toBe(false);
    const [created] = await eventsOf(deployment.id);
    expect(created!.details).toMatchObject({ connection: { ok: false, savedAnyway: true } });
    expect(JSON.stringify(created!.details)).not.toContain("not-the-password");

    await updateDeployment(db, testAudit, {
      deploymentId: deployment.id,
      name: deployment.name,
      gaxBaseUrl: deployment.gaxBaseUrl,
      gaxUsername: deployment.gaxUsername,
      gaxPassword: SANDBOX_ADMIN.password,
      gax: fast,
    });
    const check = await checkDeploymentConnection(db, testAudit, { deploymentId: deployment.id, gax: fast });
    expect(check.ok).toBe(true);
    expect(await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } })).toMatchObject({
      connectionOk: true,
    });
  });
});

describe("editing and deleting a deployment", () => {
  it("keeps the sealed password when none is given, refuses a change GAX does not accept, and audits the changes", async () => {
    const { deployment } = await registerDeployment(db, testAudit, input());
    const edit = {
      deploymentId: deployment.id,
      name: `${deployment.name}-renamed`,
      gaxBaseUrl: deployment.gaxBaseUrl,
      gaxUsername: deployment.gaxUsername,
      notes: "moved",
      gax: fast,
    };
    await updateDeployment(db, testAudit, edit);
    expect(await openSecret(db, gaxPasswordRef(deployment.id))).toBe(SANDBOX_ADMIN.password);
    const refused = await failureOf(updateDeployment(db, testAudit, { ...edit, gaxBaseUrl: "http://127.0.0.1:9/" }));
    expect(refused.fieldErrors).toHaveProperty("gaxBaseUrl");
    expect((await db.deployment.findUniqueOrThrow({ where: { id: deployment.id } })).gaxBaseUrl).toBe(
      deployment.gaxBaseUrl,
    );
    const updates = (await eventsOf(deployment.id)).filter((event) => event.action === "deployment.update");
    expect(updates).toHaveLength(1);
    expect(updates[0]!.details).toMatchObject({
      changes: { name: { from: deployment.name, to: edit.name }, notes: { from: "", to: "moved" } },
      resealed: [],
    });
  });

  it("refuses while it has tenants; deleted, its password goes and its audit history stays", async () => {
    const { deployment } = await registerDeployment(db, testAudit, input());
    const tenant = await createTenant(db, testAudit, {
      deploymentId: deployment.id,
      cfgTenantName: "Acme",
      region: "eu-central-1",
      bootstrapClientId: "client",
      bootstrapClientSecret: "bootstrap-secret-123",
    });
    const refused = await failureOf(deleteDeployment(db, testAudit, { deploymentId: deployment.id }));
    expect(refused).toMatchObject({ code: "precondition_failed" });
    expect(refused.message).toContain("still has 1 tenant");
    await db.tenant.delete({ where: { id: tenant.id } });
    await deleteDeployment(db, testAudit, { deploymentId: deployment.id });
    expect(await db.deployment.count({ where: { id: deployment.id } })).toBe(0);
    expect(await openSecret(db, gaxPasswordRef(deployment.id))).toBeUndefined();
    expect((await eventsOf(deployment.id)).map((event) => event.action)).toEqual([
      "deployment.create",
      "deployment.delete",
    ]);
  });
});
