import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { DEMO_DEPLOYMENT_NAME } from "@/lib/demo/demo-names";
import { createDeployment, createTenant } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { serialized } from "@/lib/utils/serialized";
import { isolatedDatabase } from "@/test/support/db";
import { firstRunGuide } from "./first-run";
import { loadTenantOverview, runsInFlight } from "./overview-data";
import { overviewCsvHeader, overviewCsvStream } from "./overview-export";
import { parseOverviewParams } from "./overview-params";

let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await isolatedDatabase();
  db = database.db;
});
afterAll(() => database.drop());

const now = new Date("2026-12-05T12:00:00Z");
const minutes = (count: number) => new Date(now.getTime() + count * 60_000);
const deployment = (name: string) =>
  createDeployment(db, testAudit, {
    name,
    layout: "multi-tenant",
    gaxBaseUrl: "http://127.0.0.1:9/gax",
    gaxUsername: "default",
    gaxPassword: "gax-password",
  });
const tenant = (deploymentId: string, cfgTenantName: string) =>
  createTenant(db, testAudit, {
    deploymentId,
    cfgTenantName,
    region: "eu-west-1",
    bootstrapClientId: `client-${cfgTenantName}`,
    bootstrapClientSecret: "bootstrap-secret",
    services: ["predictive-engagement"],
  });
const run = (
  tenantId: string,
  fields: { status: string; leaseExpiresAt: Date; operatorMessage?: string; startedAt?: Date },
) => db.run.create({ data: { tenantId, mode: "apply", correlationId: "corr", startedAt: minutes(-5), ...fields } });

async function text(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

let ids: Record<string, string> = {};

describe("the overview of an installation", { timeout: 60_000 }, () => {
  it("guides a first run: nothing registered, then a deployment without tenants, then none once tenants exist", async () => {
    expect(await firstRunGuide(db)).toEqual({ kind: "empty", hasDeployment: false });
    const own = await deployment("Production");
    expect(await firstRunGuide(db)).toEqual({ kind: "empty", hasDeployment: true });
    ids = {
      Bravo: (await tenant(own.id, "Bravo")).id,
      Alpha: (await tenant(own.id, "Alpha")).id,
      Charlie: (await tenant(own.id, "Charlie")).id,
    };
    expect(await firstRunGuide(db)).toBeNull();
  });

  it("guides through the demo deployment while it is there", async () => {
    const demo = await deployment(DEMO_DEPLOYMENT_NAME);
    expect(await firstRunGuide(db)).toEqual({
      kind: "demo",
      deploymentId: demo.id,
      deploymentName: DEMO_DEPLOYMENT_NAME,
    });
  });

  it("counts runs still to finish: queued, or running under a live lease, not a dead worker's", async () => {
    expect(await runsInFlight(db, now)).toBe(0);
    await run(ids.Alpha!, { status: "running", leaseExpiresAt: minutes(-1) });
    await run(ids.Bravo!, { status: "succeeded", leaseExpiresAt: minutes(5) });
    expect(await runsInFlight(db, now)).toBe(0);
    await run(ids.Charlie!, { status: "running", leaseExpiresAt: minutes(5) });
    expect(await runsInFlight(db, now)).toBe(1);
    const data = await loadTenantOverview(db, parseOverviewParams({}), now);
    expect(data.runsInFlight).toBe(1);
    expect(data.counts.byStatus.running).toBe(1);
  });

  it("answers the page's data as JSON would carry it, steps counted as the checklist numbers them", async () => {
    const data = serialized(await loadTenantOverview(db, parseOverviewParams({ q: "alpha" }), now));
    expect(data.checkedAt).toBe(now.toISOString());
    expect(data.page.rows.map((row) => row.cfgTenantName)).toEqual(["Alpha"]);
    const { summary, lastRun } = data.page.rows[0]!;
    expect(summary.total + summary.notNeeded).toBeGreaterThan(summary.total);
    expect(lastRun).toMatchObject({ status: "abandoned", startedAt: minutes(-5).toISOString() });
  });

  it("exports every tenant the filters match, over all pages and in the overview's order, with formulas defused", async () => {
    await run(ids.Bravo!, {
      status: "failed",
      startedAt: minutes(-1),
      leaseExpiresAt: minutes(-1),
      operatorMessage: "=HYPERLINK(1)",
    });
    const params = parseOverviewParams({ sort: "tenant", dir: "desc", size: "25", page: "3" });
    const csv = await text(overviewCsvStream(db, { ...params, q: undefined }, { batchSize: 2, now }));
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(overviewCsvHeader().join(","));
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["Charlie", "Bravo", "Alpha"]);
    expect(lines[2]).toContain(",'=HYPERLINK(1)");

    const filtered = await text(overviewCsvStream(db, parseOverviewParams({ status: "running" }), { now }));
    expect(filtered.trimEnd().split("\r\n").slice(1)).toEqual([
      expect.stringMatching(/^Charlie,Production,eu-west-1,,running,/),
    ]);
  });
});
