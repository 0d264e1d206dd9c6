import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { completeStepManually, TENANT_ISOLATION } from "@/lib/provisioning";
import { SANDBOX_AGENT_PASSWORD } from "@/sandbox/gax/default-seed";
import { freePort } from "@/test/support/free-port";
import { isolatedDatabase } from "@/test/support/db";
import { signIn, startDashboard, type DashboardProcess } from "@/test/support/dashboard-process";

// Production mode, as the README describes it: an external database migrated by its owner, the app and its workers
// connected as the role the README's SQL creates, every key given. The dashboard must start, sign a user in, and a
// demo tenant must apply against the sandboxes.

const admin = { email: "prod-admin@example.test", password: "production-admin-password-1" };

/** The README's least-privilege SQL for this database and a role of this name. */
function readmeAppRoleSql(database: string, role: string, password: string): string {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("**Least privilege.**"));
  const sql = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  if (!sql) throw new Error("README.md has no least-privilege SQL block");
  return sql
    .replaceAll("hybrid_provisioner", database)
    .replaceAll("hp_app", role)
    .replace("PASSWORD '...'", `PASSWORD '${password}'`);
}

let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let appUrl: string;
let appDb: Db;
let server: DashboardProcess | undefined;
let baseUrl: string;
let dataDirectory: string;
const role = `hp_app_${randomBytes(3).toString("hex")}`;
const env: Record<string, string> = {};

beforeAll(async () => {
  database = await isolatedDatabase();
  const owner = new URL(database.url);
  const name = owner.pathname.slice(1);
  const password = randomBytes(12).toString("hex");
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(readmeAppRoleSql(name, role, password));
  await client.end();
  appUrl = Object.assign(new URL(database.url), { username: role, password }).toString();
  appDb = createPrismaClient(appUrl);

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dataDirectory = mkdtempSync(join(tmpdir(), "hp-production-"));
  Object.assign(env, {
    DATABASE_URL: appUrl,
    MIGRATION_DATABASE_URL: database.url,
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY!,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: baseUrl,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    DATA_DIR: dataDirectory,
    SANDBOX: "on",
    GENESYS_CUSTOM_BASE_URLS: "on",
    GENESYS_PROPAGATION_SECONDS: "0",
    REVERIFY_CRON: "off",
  });
  server = await startDashboard({
    port,
    env: {
      ...env,
      GENESYS_SANDBOX_PORT: String(await freePort()),
      GAX_SANDBOX_PORT: String(await freePort()),
    },
  });
}, 13 * 60_000);

afterAll(async () => {
  await server?.stop();
  await appDb?.$disconnect();
  await database?.drop();
  const cleanup = new pg.Client({ connectionString: database.url.replace(/\/[^/]+$/, "/postgres") });
  await cleanup.connect();
  await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
  await cleanup.end();
  rmSync(dataDirectory, { recursive: true, force: true });
}, 60_000);

describe("production mode: an external database, the app role of least privilege, every key given", () => {
  it("is healthy and signs the configured admin in", async () => {
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    const ready = await fetch(`${baseUrl}/api/ready`);
    expect(await ready.json()).toMatchObject({ status: "ready" });
    expect(ready.status).toBe(200);
    const overview = await fetch(`${baseUrl}/`, {
      headers: { Cookie: await signIn(baseUrl, admin) },
      redirect: "manual",
    });
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain("Overview");
  });

  it("connects as a role that cannot alter the tables or rewrite the audit log", async () => {
    const asApp = new pg.Client({ connectionString: appUrl });
    await asApp.connect();
    try {
      await expect(asApp.query("ALTER TABLE tenants ADD COLUMN sneaky text")).rejects.toThrow(/owner/);
      await expect(asApp.query("DELETE FROM audit_events")).rejects.toThrow(/permission denied/);
      await expect(asApp.query("SET session_replication_role = replica")).rejects.toThrow(/permission denied/);
    } finally {
      await asApp.end();
    }
  });

  it("applies a demo tenant against the sandboxes, from the command line as the app role", async () => {
    const tenant = await appDb.tenant.findFirstOrThrow({ where: { cfgTenantName: "Globex" } });
    const actor = await appDb.user.findUniqueOrThrow({ where: { email: admin.email } });
    const entered = await completeStepManually(
      {
        tenantId: tenant.id,
        stepKey: TENANT_ISOLATION,
        values: { username: "globex.agent1", password: SANDBOX_AGENT_PASSWORD },
      },
      { db: appDb, audit: { actor: { id: actor.id, email: actor.email, role: actor.role } } },
    );
    expect(entered.status).toBe("succeeded");

    const apply = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/cli.ts", "apply", "--tenant", "Globex", "--as", admin.email, "--json"],
      { env: { ...process.env, ...env }, encoding: "utf8", timeout: 180_000 },
    );
    expect(apply.stderr).toBe("");
    expect(apply.status).toBe(0);
    const runs = await appDb.run.findMany({ where: { tenantId: tenant.id, mode: "apply", stepKey: null } });
    expect(runs.map((run) => run.status)).toEqual(["succeeded"]);
    const steps = await appDb.stepState.count({ where: { tenantId: tenant.id, status: "done" } });
    expect(steps).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
