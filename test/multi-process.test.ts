import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit/record";
import { throttlePolicy } from "@/lib/auth/throttle";
import { workerProcesses } from "@/lib/jobs/worker-process-test-support";
import { createUser } from "@/lib/users/manage-users";
import { isolatedDatabase } from "@/test/support/db";
import {
  callServerAction,
  signIn,
  signOut,
  startDashboard,
  type DashboardProcess,
} from "@/test/support/dashboard-process";
import { freePort } from "@/test/support/free-port";
import { until } from "@/test/support/until";

// Several processes on one database, as README "Running in production" describes: two dashboards with WORKER=off
// (behind one load balancer, a request may reach either) and two `npm run worker` processes. A session started on
// one dashboard is valid on the other and ends on both; throttling and sessions live in the database.

const admin = { email: "multi-admin@example.test", password: "multi-process-admin-password-1" };
const viewer = { email: "multi-viewer@example.test", password: "multi-process-viewer-password-1" };
const guessed = { email: "multi-guessed@example.test", password: "multi-process-guessed-password-1" };

let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let dataDirectory: string;
let first: DashboardProcess;
let second: DashboardProcess;
const workers = workerProcesses();
let workerChildren: ChildProcess[] = [];

beforeAll(async () => {
  database = await isolatedDatabase();
  dataDirectory = mkdtempSync(join(tmpdir(), "hp-multi-"));
  const shared = {
    DATABASE_URL: database.url,
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY!,
    DATA_DIR: dataDirectory,
    GENESYS_CUSTOM_BASE_URLS: "on",
    GENESYS_PROPAGATION_SECONDS: "0",
    REVERIFY_CRON: "off",
  };
  // Every dashboard process has the same session secret, as behind a load balancer.
  const sessionSecret = randomBytes(32).toString("base64");
  const dashboard = async (env: Record<string, string>) => {
    const port = await freePort();
    return startDashboard({
      port,
      env: {
        ...shared,
        NEXTAUTH_SECRET: sessionSecret,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        WORKER: "off",
        ...env,
      },
    });
  };
  // The first creates the admin and, with its sandboxes, the demo deployment the runs below reach.
  first = await dashboard({
    SANDBOX: "on",
    GENESYS_SANDBOX_PORT: String(await freePort()),
    GAX_SANDBOX_PORT: String(await freePort()),
  });
  second = await dashboard({ SANDBOX: "off" });
  // Started together, as compose starts them: both set up the queues at once.
  workerChildren = [0, 1].map(() => workers.start({ ...shared, WORKER_CONCURRENCY: "1" }));
  for (const account of [viewer, guessed])
    await createUser(database.db, { actor: systemActor }, { ...account, name: "Test", role: "viewer" });
}, 14 * 60_000);

afterAll(async () => {
  await workers.killAll();
  await Promise.all([first?.stop(), second?.stop()]);
  await database?.drop();
  rmSync(dataDirectory, { recursive: true, force: true });
}, 90_000);

const page = (dashboard: DashboardProcess, path: string, cookie: string) =>
  fetch(`${dashboard.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });

describe("two dashboard processes and two workers on one database", { timeout: 240_000 }, () => {
  it("are both ready without a worker of their own", async () => {
    for (const dashboard of [first, second]) {
      const ready = await fetch(`${dashboard.url}/api/ready`);
      expect(await ready.json()).toMatchObject({ status: "ready" });
      expect(ready.status).toBe(200);
    }
  });

  it("accept on one a session started on the other, with the role read on the server", async () => {
    const adminCookie = await signIn(first.url, admin);
    const overview = await page(second, "/", adminCookie);
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain(admin.email);
    expect((await page(second, "/users", adminCookie)).status).toBe(200);

    const viewerCookie = await signIn(second.url, viewer);
    const tenants = await page(first, "/api/tenants/overview", viewerCookie);
    expect(tenants.status).toBe(200);
    const forbidden = await page(first, "/users", viewerCookie);
    expect(forbidden.status).toBe(307);
    expect(forbidden.headers.get("location")).toMatch(/\/forbidden$/);
  });

  it("end a session on both when it is signed out on one", async () => {
    const cookie = await signIn(first.url, admin);
    expect((await page(second, "/api/tenants/overview", cookie)).status).toBe(200);
    await signOut(first.url, cookie);
    expect((await page(second, "/api/tenants/overview", cookie)).status).toBe(401);
    const overview = await page(second, "/", cookie);
    expect(overview.status).toBe(307);
    expect(overview.headers.get("location")).toMatch(/\/sign-in$/);
  });

  it("throttle sign-in failures spread over both: the account locks on each", async () => {
    for (let failure = 0; failure < throttlePolicy.account.freeFailures; failure++) {
      const dashboard = failure % 2 === 0 ? first : second;
      await expect(signIn(dashboard.url, { ...guessed, password: `wrong-password-${failure}` })).rejects.toThrow(
        /sign-in refused/,
      );
    }
    for (const dashboard of [first, second])
      await expect(signIn(dashboard.url, guessed)).rejects.toThrow(/sign-in refused/);
  });

  it("queue a bulk request made on one dashboard as runs the two workers finish", async () => {
    const tenants = await database.db.tenant.findMany({ select: { id: true } });
    expect(tenants.length).toBeGreaterThanOrEqual(3);
    const since = new Date();
    const answer = await callServerAction(first.url, {
      exportedName: "enqueueBulkRunsAction",
      filename: "components/tenants/actions.ts",
      cookie: await signIn(first.url, admin),
      args: [{ tenantIds: tenants.map((tenant) => tenant.id), mode: "plan" }],
    });
    expect(answer.status).toBe(200);
    const queued = await database.db.run.count({ where: { queuedAt: { gte: since } } });
    expect(queued).toBe(tenants.length);
    const runs = await until(
      async () => {
        const rows = await database.db.run.findMany({ where: { queuedAt: { gte: since } } });
        return rows.every((run) => run.finishedAt) ? rows : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500, what: "the bulk plan's runs to finish" },
    );
    // Both dashboards run with WORKER=off: the worker processes ran these.
    expect(runs.map((run) => run.status)).toEqual(tenants.map(() => "succeeded"));
    expect(workerChildren.map((child) => child.exitCode ?? child.signalCode)).toEqual([null, null]);
  });
});
