import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogue, createDeployment, createTenant } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { testDb } from "@/test/support/db";
import { listDeployments } from "./deployments";
import { listTenantOverview, listTenantOverviewAfter, overviewFilterChoices } from "./overview";
import { overviewQueryString, parseOverviewParams, parseOverviewSearch, SORT_KEYS } from "./overview-params";
import { applicableSteps } from "./tenant-status";

const db = testDb();
let deploymentId = "";
const ids: Record<string, string> = {};

async function addTenant(name: string, region: string, agentPacing = false) {
  const tenant = await createTenant(db, testAudit, {
    deploymentId,
    cfgTenantName: name,
    region,
    bootstrapClientId: `client-${name}`,
    bootstrapClientSecret: "bootstrap-secret",
    services: agentPacing ? ["predictive-engagement", "agent-pacing"] : ["predictive-engagement"],
  });
  ids[name] = tenant.id;
  return tenant;
}

async function setStates(
  tenantId: string,
  { keys, ...fields }: { keys: string[]; status: string; verifyStatus?: string; lastVerifiedAt?: Date },
) {
  for (const stepKey of keys) await db.stepState.create({ data: { tenantId, stepKey, ...fields } });
}

const applicableKeys = (agentPacing: boolean) =>
  applicableSteps({
    services: agentPacing ? ["predictive-engagement", "agent-pacing"] : ["predictive-engagement"],
    settings: {},
    deployment: { layout: "multi-tenant" },
  }).map((step) => step.key);
const page = (query: Record<string, string>) =>
  listTenantOverview(db, parseOverviewParams({ deployment: deploymentId, ...query }));
const names = (result: Awaited<ReturnType<typeof page>>) => result.rows.map((row) => row.cfgTenantName);

beforeAll(async () => {
  const deployment = await createDeployment(db, testAudit, {
    name: `overview-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: "http://127.0.0.1:9/gax",
    gaxUsername: "default",
    gaxPassword: "gax-password",
  });
  deploymentId = deployment.id;
  await addTenant("Alpha", "eu-west-1");
  await addTenant("Bravo", "us-east-1", true);
  await addTenant("Charlie", "eu-west-1");
  await addTenant("Delta", "ap-southeast-2");
  await addTenant("Echo", "us-east-1");
  const verifiedAt = new Date("2026-11-01T10:00:00Z");
  const [first, ...rest] = applicableKeys(false);
  // Alpha: everything done, one step drifted. Bravo: first step failed. charlie: a run holds the lease. Delta: half-way. Echo: nothing.
  await setStates(ids.Alpha!, { keys: rest, status: "done", verifyStatus: "ok", lastVerifiedAt: verifiedAt });
  await setStates(ids.Alpha!, {
    keys: [first!],
    status: "done",
    verifyStatus: "drifted",
    lastVerifiedAt: new Date("2026-11-02T10:00:00Z"),
  });
  await setStates(ids.Bravo!, { keys: [first!], status: "failed" });
  await db.run.create({
    data: {
      tenantId: ids.Charlie!,
      mode: "apply",
      status: "running",
      correlationId: "c-1",
      leaseExpiresAt: new Date(Date.now() + 600_000),
    },
  });
  await setStates(ids.Delta!, { keys: applicableKeys(false).slice(0, 3), status: "done" });
  await db.run.create({
    data: {
      tenantId: ids.Bravo!,
      mode: "apply",
      status: "failed",
      correlationId: "c-2",
      leaseExpiresAt: new Date(),
      finishedAt: new Date(),
      operatorMessage: "Genesys Cloud rejected the OAuth client ID or secret.",
    },
  });
  // Certificates: Alpha far out, Bravo soon, Charlie expired, Echo just inside the warning, Delta none yet.
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000 + 3_600_000);
  const expiries: Record<string, Date> = {
    Alpha: inDays(200),
    Bravo: inDays(10),
    Charlie: inDays(-3),
    Echo: inDays(59),
  };
  for (const [name, date] of Object.entries(expiries))
    await db.tenant.update({ where: { id: ids[name]! }, data: { certificateExpiresAt: date } });
});

describe("tenants overview", () => {
  it("sorts in the database, both ways, by tenant, region and deployment", async () => {
    expect(names(await page({}))).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
    expect(names(await page({ sort: "tenant", dir: "desc" }))).toEqual(["Echo", "Delta", "Charlie", "Bravo", "Alpha"]);
    expect(names(await page({ sort: "region" }))).toEqual(["Delta", "Alpha", "Charlie", "Bravo", "Echo"]);
  });

  it("offers each region once, in order, in the filter menu", async () => {
    const { regions } = await overviewFilterChoices(db);
    expect(regions).toEqual([...new Set(regions)].sort());
    expect(regions).toEqual(expect.arrayContaining(["ap-southeast-2", "eu-west-1", "us-east-1"]));
  });

  it("searches case-insensitively and filters by region", async () => {
    expect(names(await page({ q: "cHAR" }))).toEqual(["Charlie"]);
    expect(names(await page({ region: "us-east-1" }))).toEqual(["Bravo", "Echo"]);
  });

  it("derives progress from the steps that apply to the tenant", async () => {
    const rows = (await page({})).rows;
    const alpha = rows.find((row) => row.cfgTenantName === "Alpha")!;
    expect(applicableKeys(false).length).toBeLessThan(catalogue.length);
    expect(applicableKeys(true).length).toBe(applicableKeys(false).length + 1);
    expect(alpha.summary).toMatchObject({
      done: applicableKeys(false).length,
      total: applicableKeys(false).length,
      status: "done",
      driftedSteps: 1,
    });
    expect(alpha.summary.lastVerifiedAt?.toISOString()).toBe("2026-11-02T10:00:00.000Z");
    expect(alpha.summary.phases.every((phase) => phase.status === "done" || phase.status === "drifted")).toBe(true);
    const delta = rows.find((row) => row.cfgTenantName === "Delta")!;
    expect(delta.summary).toMatchObject({ done: 3, status: "in-progress" });
    expect(delta.summary.phases[0]).toMatchObject({ status: "partial", done: 3 });
    const bravo = rows.find((row) => row.cfgTenantName === "Bravo")!;
    expect(bravo.summary).toMatchObject({ done: 0, total: applicableKeys(true).length, status: "failed" });
    expect(bravo.lastRun).toMatchObject({
      mode: "apply",
      status: "failed",
      operatorMessage: expect.stringMatching(/rejected/),
    });
    expect(rows.find((row) => row.cfgTenantName === "Charlie")!.summary.status).toBe("running");
  });

  it("filters by status and drift with the same precedence as the rows show", async () => {
    const expected = {
      done: ["Alpha"],
      failed: ["Bravo"],
      running: ["Charlie"],
      "in-progress": ["Delta"],
      "not-started": ["Echo"],
    };
    for (const [status, tenants] of Object.entries(expected)) {
      const result = await page({ status });
      expect(names(result), status).toEqual(tenants);
      expect(result.rows.every((row) => row.summary.status === status)).toBe(true);
    }
    expect(names(await page({ drift: "yes" }))).toEqual(["Alpha"]);
    expect(names(await page({ drift: "no" }))).toEqual(["Bravo", "Charlie", "Delta", "Echo"]);
  });

  it("sorts by certificate expiry with tenants without a certificate last, both ways, and filters the expiring", async () => {
    expect(names(await page({ sort: "expiry" }))).toEqual(["Charlie", "Bravo", "Echo", "Alpha", "Delta"]);
    expect(names(await page({ sort: "expiry", dir: "desc" }))).toEqual(["Alpha", "Echo", "Bravo", "Charlie", "Delta"]);
    expect(names(await page({ cert: "expiring" }))).toEqual(["Bravo", "Charlie", "Echo"]);
    const rows = (await page({})).rows;
    const certificate = (name: string) => rows.find((row) => row.cfgTenantName === name)!.certificate;
    expect(certificate("Alpha")).toMatchObject({ state: "valid", daysLeft: 200 });
    expect(certificate("Bravo")).toMatchObject({ state: "expiring", daysLeft: 10 });
    expect(certificate("Echo")).toMatchObject({ state: "expiring", daysLeft: 59 });
    expect(certificate("Charlie")).toMatchObject({ state: "expired", daysAgo: 2 });
    expect(certificate("Delta")).toEqual({ state: "none" });
  });

  it("pages with a total, clamping a page past the end", async () => {
    for (let index = 0; index < 22; index += 1) await addTenant(`Zulu-${String(index).padStart(2, "0")}`, "eu-west-1");
    const second = await page({ page: "2" });
    expect(second).toMatchObject({ total: 27, page: 2, pageCount: 2 });
    expect(names(second)).toEqual(["Zulu-20", "Zulu-21"]);
    expect((await page({ page: "9" })).page).toBe(2);
    expect((await page({ size: "50" })).rows).toHaveLength(27);
    expect((await listDeployments(db)).find((row) => row.id === deploymentId)?.tenantCount).toBe(27);
  });

  it("pages by cursor in the same order as by page, for every sort both ways, nulls included", async () => {
    for (const sort of SORT_KEYS)
      for (const dir of ["asc", "desc"] as const) {
        const params = parseOverviewParams({ deployment: deploymentId, sort, dir, size: "100" });
        const expected = names(await listTenantOverview(db, params));
        const walked: string[] = [];
        let cursor: string | undefined;
        do {
          const next = await listTenantOverviewAfter(db, params, { cursor, limit: 4 });
          expect(next.total).toBe(expected.length);
          walked.push(...next.rows.map((row) => row.cfgTenantName));
          cursor = next.nextCursor ?? undefined;
        } while (cursor);
        expect({ sort, dir, walked }).toEqual({ sort, dir, walked: expected });
      }
  });

  it("goes on after the cursor's row when tenants are added before it, and refuses a cursor of another sort", async () => {
    const params = parseOverviewParams({ deployment: deploymentId });
    const first = await listTenantOverviewAfter(db, params, { limit: 3 });
    expect(first.rows.map((row) => row.cfgTenantName)).toEqual(["Alpha", "Bravo", "Charlie"]);
    await addTenant("Aardvark", "eu-west-1");
    const second = await listTenantOverviewAfter(db, params, { cursor: first.nextCursor!, limit: 2 });
    expect(second.rows.map((row) => row.cfgTenantName)).toEqual(["Delta", "Echo"]);
    const other = parseOverviewParams({ deployment: deploymentId, sort: "region" });
    await expect(listTenantOverviewAfter(db, other, { cursor: first.nextCursor!, limit: 2 })).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { cursor: [expect.stringContaining("sort=tenant&dir=asc")] },
    });
    await expect(listTenantOverviewAfter(db, params, { cursor: "not-a-cursor", limit: 2 })).rejects.toMatchObject({
      fieldErrors: { cursor: ["must be a nextCursor from a previous page"] },
    });
  });
});

describe("overview URL parameters", () => {
  it("fall back to defaults instead of failing, and leave defaults out of links", () => {
    const params = parseOverviewParams({
      sort: "password",
      dir: "sideways",
      page: "-3",
      size: "7",
      status: "bogus",
      deployment: "not-a-uuid",
      q: ["acme", "other"],
    });
    expect(params).toEqual({
      q: "acme",
      deployment: undefined,
      region: undefined,
      status: undefined,
      drift: undefined,
      cert: undefined,
      sort: "tenant",
      dir: "asc",
      page: 1,
      size: 25,
    });
    expect(parseOverviewParams({ cert: "soon" }).cert).toBeUndefined();
    expect(overviewQueryString(parseOverviewParams({ cert: "expiring", sort: "expiry" }))).toBe(
      "?cert=expiring&sort=expiry",
    );
    expect(overviewQueryString(params)).toBe("?q=acme");
    expect(overviewQueryString(params, { sort: "region", dir: "desc", page: 3 })).toBe(
      "?q=acme&sort=region&dir=desc&page=3",
    );
  });

  it("read from a route's URL the same way as the page reads them", () => {
    const search = new URLSearchParams("q=acme&q=other&sort=password&status=failed&size=50");
    expect(parseOverviewSearch(search)).toEqual(
      parseOverviewParams({ q: ["acme", "other"], sort: "password", status: "failed", size: "50" }),
    );
    expect(parseOverviewSearch(search)).toMatchObject({ q: "acme", sort: "tenant", status: "failed", size: 50 });
  });
});
