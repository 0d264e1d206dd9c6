import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { verifyAgainstCheckpoints } from "@/lib/audit/chain-status";
import type { AuditContext } from "@/lib/audit/record";
import { desiredHybridIntegration } from "@/lib/config-server/desired-object";
import { createGaxBridge } from "@/lib/config-server/gax-bridge";
import { sampleInput } from "@/lib/config-server/test-fixtures";
import type { Db } from "@/lib/db/client";
import { closeJobQueue } from "@/lib/jobs/queue-client";
import { createBoss, ensureQueues } from "@/lib/jobs/queues";
import { fastRetrySettings } from "@/lib/jobs/worker-process-test-support";
import { AppError } from "@/lib/errors";
import { applyTenant, failRunBeforeStart, queueRuns, runTenant, TENANT_ISOLATION } from "@/lib/provisioning";
import {
  startProvisioningKit,
  testAudit,
  type KitOptions,
  type ProvisioningKit,
} from "@/lib/provisioning/test-support";
import type { EventType } from "@/lib/notifications/event-types";
import { endpointInputSchema } from "@/lib/validation/notification-endpoint";
import { defaultGaxSeed, SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { isolatedDatabase, testDb } from "@/test/support/db";
import { alertExpiringCertificates } from "./certificate-expiry";
import { createEndpoint } from "./endpoints";
import type { NotificationPayload } from "./payload";
import { ISOLATION_STEP } from "./run-events";

// Each source of an alert, provoked for real, queues a delivery to an endpoint that wants it.

const audit: AuditContext = { actor: { id: null, email: "alerts-admin@example.test", role: "admin" } };
const kits: ProvisioningKit[] = [];
const sharedEndpoints: string[] = [];
// Endpoints left enabled would receive alerts from other test files' runs in the shared database.
afterEach(async () => {
  const ids = sharedEndpoints.splice(0);
  await testDb().notificationEndpoint.updateMany({ where: { id: { in: ids } }, data: { enabled: false } });
});
afterAll(async () => {
  await Promise.all(kits.map((kit) => kit.close()));
  await closeJobQueue();
});

async function kitWith(options: KitOptions = {}) {
  const kit = await startProvisioningKit(options);
  kits.push(kit);
  return kit;
}

let counter = 0;
async function endpointFor(db: Db, eventTypes: EventType[]) {
  counter += 1;
  const input = endpointInputSchema.parse({
    kind: "webhook",
    name: `sources-${Date.now()}-${counter}`,
    url: "http://127.0.0.1:9/unused",
    eventTypes,
  });
  const { id } = await createEndpoint(db, audit, input);
  if (db === testDb()) sharedEndpoints.push(id);
  return id;
}

/** The payloads of the deliveries queued to the endpoint about the tenant (or about none). */
async function deliveredTo(db: Db, endpointId: string, tenantId?: string) {
  const rows = await db.notificationDelivery.findMany({ where: { endpointId }, include: { event: true } });
  return rows
    .map((row) => ({ status: row.status, payload: row.event.payload as NotificationPayload }))
    .filter((row) => (tenantId ? row.payload.tenant?.id === tenantId : true));
}

describe("alert sources", { timeout: 120_000 }, () => {
  it("knows the isolation check by its step key", () => {
    expect(ISOLATION_STEP).toBe(TENANT_ISOLATION);
  });

  it("a verify that finds drift queues drift.detected naming the drifted step", async () => {
    const kit = await kitWith();
    const endpointId = await endpointFor(kit.db, ["drift.detected"]);
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    await runTenant({ tenantId: kit.tenant.id, mode: "verify" }, kit.engine);
    expect(await deliveredTo(kit.db, endpointId, kit.tenant.id)).toEqual([]);

    const org = await kit.genesysOrg();
    const client = org.oauthClients.find((c) => c.name === "PureEngage Client Credentials")!;
    const { id: clientId, ...fields } = client;
    const changed = { ...fields, accessTokenValiditySeconds: 3600 };
    expect((await kit.genesysApi("PUT", `/api/v2/oauth/clients/${clientId}`, changed)).status).toBe(200);
    const report = await runTenant({ tenantId: kit.tenant.id, mode: "verify" }, kit.engine);

    const [delivery, ...more] = await deliveredTo(kit.db, endpointId, kit.tenant.id);
    expect(more).toEqual([]);
    expect(delivery).toMatchObject({
      status: "queued",
      payload: {
        type: "drift.detected",
        summary: expect.stringMatching(/^Verify found drift on sandbox-\w+\/Acme: .*\(drifted\)/),
        deployment: { id: kit.deployment.id, name: kit.deployment.name },
        link: expect.stringMatching(new RegExp(`/tenants/${kit.tenant.id}$`)),
        details: { runId: report.runId, mode: "verify" },
      },
    });
    const steps = delivery!.payload.details.steps as { differences: unknown[] }[];
    expect(steps.flatMap((step) => step.differences)).toContainEqual({
      field: "accessTokenValiditySeconds",
      expected: "86400",
      actual: "3600",
    });
  });

  it("a failed run queues run.failed with the run's message, and no isolation alert when only the agent is refused", async () => {
    const kit = await kitWith({ isolationAgent: { username: "acme.agent1", password: "changed-since" } });
    const failed = await endpointFor(kit.db, ["run.failed"]);
    const leaks = await endpointFor(kit.db, ["isolation.leak"]);
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("failed");
    expect(await deliveredTo(kit.db, failed, kit.tenant.id)).toEqual([
      {
        status: "queued",
        payload: expect.objectContaining({
          type: "run.failed",
          summary: expect.stringMatching(/^The apply run of sandbox-\w+\/Acme failed: Sample agent acme\.agent1/),
          details: expect.objectContaining({ runId: report.runId, status: "failed", errorCode: "precondition_failed" }),
        }),
      },
    ]);
    expect(await deliveredTo(kit.db, leaks, kit.tenant.id)).toEqual([]);
  });

  it("a queued run that could not start queues run.failed too", async () => {
    const kit = await kitWith();
    const endpointId = await endpointFor(kit.db, ["run.failed"]);
    const [run] = await kit.db.$transaction((tx) =>
      queueRuns(tx, testAudit, { tenantIds: [kit.tenant.id], mode: "plan" }),
    );
    const error = new AppError("not_found", "The tenant is gone.");
    expect(await failRunBeforeStart(kit.db, testAudit, { runId: run!.runId, error })).toBe(true);
    expect(await deliveredTo(kit.db, endpointId, kit.tenant.id)).toEqual([
      {
        status: "queued",
        payload: expect.objectContaining({
          type: "run.failed",
          summary: expect.stringMatching(/^The plan run of sandbox-\w+\/Acme failed: The tenant is gone\./),
          details: expect.objectContaining({ runId: run!.runId, errorCode: "not_found" }),
        }),
      },
    ]);
  });

  it("an isolation check that finds another tenant's object readable queues isolation.leak, on apply and on verify", async () => {
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments[0]!.acl!.push({
      on: { type: "CfgFolder", tenant: "Globex", name: "Transactions" },
      account: { accessGroup: "Users", tenant: "Acme" },
      mask: 1,
    });
    const kit = await kitWith({ gaxSeed: seed });
    const bridge = createGaxBridge({
      baseUrl: kit.gax.sandbox.deploymentUrls.multi!,
      username: SANDBOX_ADMIN.username,
      password: SANDBOX_ADMIN.password,
    });
    await bridge.applyHybridIntegration("Globex", desiredHybridIntegration(sampleInput({ orgShortName: "globex" })));
    await bridge.close();
    const leaks = await endpointFor(kit.db, ["isolation.leak"]);

    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("failed");
    await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey: TENANT_ISOLATION }, kit.engine);
    const deliveries = await deliveredTo(kit.db, leaks, kit.tenant.id);
    expect(deliveries.map((delivery) => delivery.payload.details.mode)).toEqual(["apply", "verify"]);
    expect(deliveries[1]!.payload.summary).toMatch(
      /^Tenant isolation leaks for sandbox-\w+\/Acme: acme\.agent1 \(Acme\) can read the hybrid_integration of Globex/,
    );
  });

  it("a certificate expiring within the set days queues certificate.expiring once a day", async () => {
    const db = testDb();
    const kit = await kitWith();
    const endpointId = await endpointFor(db, ["certificate.expiring"]);
    const now = new Date();
    const inDays = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
    await db.tenant.update({ where: { id: kit.tenant.id }, data: { certificateExpiresAt: inDays(40) } });
    expect(await alertExpiringCertificates(db, { tenantId: kit.tenant.id, now })).toBe(0);

    await db.tenant.update({ where: { id: kit.tenant.id }, data: { certificateExpiresAt: inDays(10) } });
    expect(await alertExpiringCertificates(db, { tenantId: kit.tenant.id, now })).toBe(1);
    expect(await alertExpiringCertificates(db, { tenantId: kit.tenant.id, now })).toBe(0);
    expect(await alertExpiringCertificates(db, { tenantId: kit.tenant.id, now: inDays(1) })).toBe(1);
    const deliveries = await deliveredTo(db, endpointId, kit.tenant.id);
    expect(deliveries).toHaveLength(2);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "certificate.expiring",
      summary: expect.stringMatching(/^The SAML signing certificate of sandbox-\w+\/Acme expires in 10 days/),
      link: expect.stringMatching(new RegExp(`/tenants/${kit.tenant.id}/certificate$`)),
    });
  });

  it("a chain check that finds the audit log broken queues audit.chain_broken", async () => {
    const isolated = await isolatedDatabase();
    const checkpointFile = process.env.AUDIT_CHECKPOINT_FILE;
    process.env.AUDIT_CHECKPOINT_FILE = join(tmpdir(), `hp-no-checkpoints-${Date.now()}.jsonl`);
    const boss = createBoss(isolated.url, fastRetrySettings, { schedule: false, supervise: false });
    try {
      await boss.start();
      await ensureQueues(boss, fastRetrySettings);
      const endpointId = await endpointFor(isolated.db, ["audit.chain_broken"]);
      expect((await verifyAgainstCheckpoints(isolated.db)).ok).toBe(true);
      expect(await deliveredTo(isolated.db, endpointId)).toEqual([]);

      const raw = new pg.Client({ connectionString: isolated.url });
      await raw.connect();
      await raw.query("BEGIN");
      await raw.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
      await raw.query("UPDATE audit_events SET actor_email = 'someone-else@example.test' WHERE seq = 1");
      await raw.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
      await raw.query("COMMIT");
      await raw.end();

      expect((await verifyAgainstCheckpoints(isolated.db)).ok).toBe(false);
      expect((await verifyAgainstCheckpoints(isolated.db)).ok).toBe(false);
      const deliveries = await deliveredTo(isolated.db, endpointId);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]!.payload).toMatchObject({
        type: "audit.chain_broken",
        summary: expect.stringMatching(/^The audit log's chain is broken at event 1: /),
        link: expect.stringMatching(/\/audit$/),
      });
    } finally {
      process.env.AUDIT_CHECKPOINT_FILE = checkpointFile;
      if (checkpointFile === undefined) delete process.env.AUDIT_CHECKPOINT_FILE;
      await boss.stop({ graceful: false });
      await isolated.drop();
    }
  });
});
