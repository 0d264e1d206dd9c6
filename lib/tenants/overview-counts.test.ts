import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createDeployment, createTenant } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { isolatedDatabase } from "@/test/support/db";
import { listTenantOverview } from "./overview";
import { overviewCounts } from "./overview-counts";
import { parseOverviewParams } from "./overview-params";
import { TENANT_STATUSES } from "./statuses";
import { applicableSteps } from "./tenant-status";

// Counts cover the whole installation, so this runs on a database of its own.
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await isolatedDatabase();
  db = database.db;
  const keys = applicableSteps({
    services: ["predictive-engagement"],
    settings: {},
    deployment: { layout: "multi-tenant" },
  }).map((step) => step.key);
  for (const layout of ["one", "two"]) {
    const deployment = await createDeployment(db, testAudit, {
      name: `counts-${layout}`,
      layout: "multi-tenant",
      gaxBaseUrl: "http://127.0.0.1:9/gax",
      gaxUsername: "default",
      gaxPassword: "gax-password",
    });
    const tenant = async (name: string) =>
      (
        await createTenant(db, testAudit, {
          deploymentId: deployment.id,
          cfgTenantName: name,
          region: "eu-west-1",
          bootstrapClientId: `client-${name}`,
          bootstrapClientSecret: "bootstrap-secret",
        })
      ).id;
    const states = ({
      tenantId,
      stepKeys,
      status,
      verifyStatus,
    }: {
      tenantId: string;
      stepKeys: string[];
      status: string;
      verifyStatus?: string;
    }) => db.stepState.createMany({ data: stepKeys.map((stepKey) => ({ tenantId, stepKey, status, verifyStatus })) });
    // Provisioned with drift and an expiring certificate; provisioned clean; failed (and drifted elsewhere);
    // in progress; a running lease over a failure; an expired lease (so not running); nothing at all.
    const done = await tenant("Done-drifted");
    await states({ tenantId: done, stepKeys: keys.slice(1), status: "done", verifyStatus: "ok" });
    await states({ tenantId: done, stepKeys: keys.slice(0, 1), status: "done", verifyStatus: "missing" });
    await db.tenant.update({
      where: { id: done },
      data: { certificateExpiresAt: new Date(Date.now() + 5 * 86_400_000) },
    });
    await states({ tenantId: await tenant("Done"), stepKeys: keys, status: "done", verifyStatus: "ok" });
    const failed = await tenant("Failed");
    await states({ tenantId: failed, stepKeys: keys.slice(0, 2), status: "done", verifyStatus: "drifted" });
    await states({ tenantId: failed, stepKeys: keys.slice(2, 3), status: "failed" });
    await states({ tenantId: await tenant("Half"), stepKeys: keys.slice(0, 4), status: "done" });
    const running = await tenant("Running");
    await states({ tenantId: running, stepKeys: keys.slice(0, 1), status: "failed" });
    await db.run.create({
      data: {
        tenantId: running,
        mode: "apply",
        status: "running",
        correlationId: `c-${layout}`,
        leaseExpiresAt: new Date(Date.now() + 600_000),
      },
    });
    const stale = await tenant("Stale");
    await db.run.create({
      data: {
        tenantId: stale,
        mode: "apply",
        status: "running",
        correlationId: `s-${layout}`,
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    const expired = await tenant("Expired-certificate");
    await db.tenant.update({
      where: { id: expired },
      data: { certificateExpiresAt: new Date(Date.now() - 86_400_000) },
    });
    await states({ tenantId: expired, stepKeys: [keys.at(-1)!], status: "running" });
    // Provisioned, then the Agent Pacing Service was turned on: its client is still to make, so in progress.
    const pacing = await tenant("Pacing-added");
    await db.tenant.update({ where: { id: pacing }, data: { services: { push: "agent-pacing" } } });
    await states({ tenantId: pacing, stepKeys: keys, status: "done", verifyStatus: "ok" });
    // Waiting for the operator's input with the rest done; the same with a failure too (failed comes first).
    const waiting = await tenant("Needs-input");
    await states({ tenantId: waiting, stepKeys: keys.slice(0, -1), status: "done", verifyStatus: "ok" });
    await states({ tenantId: waiting, stepKeys: keys.slice(-1), status: "needs-input" });
    const failedWaiting = await tenant("Failed-and-needs-input");
    await states({ tenantId: failedWaiting, stepKeys: keys.slice(0, 1), status: "needs-input" });
    await states({ tenantId: failedWaiting, stepKeys: keys.slice(1, 2), status: "failed" });
  }
}, 60_000);

afterAll(async () => {
  await database?.drop();
});

describe("overview counters", () => {
  it("count every tenant once, and each number is what its filter link lists", async () => {
    const counts = await overviewCounts(db);
    expect(counts).toEqual({
      total: 20,
      byStatus: { done: 4, failed: 4, "needs-input": 2, running: 4, "in-progress": 4, "not-started": 2 },
      drifted: 4,
      provisionedDrifted: 2,
      certificateExpiring: 4,
    });
    for (const status of TENANT_STATUSES) {
      const listed = await listTenantOverview(db, parseOverviewParams({ status }));
      expect(listed.total, status).toBe(counts.byStatus[status]);
      // The filter and the row agree on every tenant.
      for (const row of listed.rows) expect(row.summary.status, row.cfgTenantName).toBe(status);
    }
    const drifted = await listTenantOverview(db, parseOverviewParams({ drift: "yes" }));
    expect(drifted.total).toBe(counts.drifted);
    // The rows carry the drifted count the row, the header and the chart show as "Provisioned · 1 drifted".
    const provisioned = drifted.rows.filter((row) => row.summary.status === "done");
    expect(provisioned.map((row) => row.summary.driftedSteps)).toEqual([1, 1]);
    expect(provisioned).toHaveLength(counts.provisionedDrifted);
    expect((await listTenantOverview(db, parseOverviewParams({ cert: "expiring" }))).total).toBe(
      counts.certificateExpiring,
    );
  });
});
