import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readCheckpoints, writeCheckpoint } from "@/lib/audit/checkpoints";
import { recordAuditEvent, systemActor } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { applicationTables } from "@/lib/backup/tables";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { createPrismaClient } from "@/lib/db/client";
import { migrate, migrationNames } from "@/lib/db/migrations";
import { BOOTSTRAP_SECRET, createDeployment, createTenant, queueRuns, tenantSecretRef } from "@/lib/provisioning";
import { testAudit } from "@/lib/provisioning/test-support";
import { dataFiles, ensureDataDirectory } from "@/lib/runtime/data-files";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { loadKeyring } from "@/lib/secrets/keyring";
import { keyVersionOf, openSecret } from "@/lib/secrets/store";
import { isolatedDatabase } from "@/test/support/db";
import { freePort } from "@/test/support/free-port";

// One installation on the embedded default (its own data directory and PostgreSQL) with a registered tenant, a sealed
// secret, audit events, a signed checkpoint and a queued run; backed up with the real command line, then restored
// into a fresh data directory (a new embedded PostgreSQL) and into an empty database given as DATABASE_URL.

const masterKey = (process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64"));
const bootstrapSecret = `bootstrap-${randomBytes(6).toString("hex")}`;
const temporaryDirectories: string[] = [];
/** A new directory under the system's temporary one, removed after the tests. */
function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}
const sourceDirectory = temporaryDirectory("hp-backup-source-");
const backupDirectory = join(temporaryDirectory("hp-backup-"), "backup");
let sourcePort = 0;
let tenantId = "";
let queuedRunId = "";
let sourceCounts: Record<string, number> = {};
const cleanups: Array<() => Promise<void>> = [];

/** The command line's environment for an installation: nothing of the test run's database or keys leaks in. */
function installationEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of [
    "DATABASE_URL",
    "MIGRATION_DATABASE_URL",
    "APP_ENCRYPTION_KEY",
    "APP_ENCRYPTION_PREVIOUS_KEYS",
    "AUDIT_CHECKPOINT_FILE",
  ])
    if (!(name in extra)) delete env[name];
  return env;
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of await applicationTables(client))
      counts[table.name] = Number((await client.query(`SELECT count(*) AS n FROM "${table.name}"`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

/** A fresh database on the test server: empty (not even migrated) unless asked. */
async function emptyDatabase(): Promise<string> {
  const adminUrl = inject("adminDatabaseUrl");
  const name = `hp_restore_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  });
  return Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
}

const scratchDirectory = () => temporaryDirectory("hp-restore-scratch-");

function copyOfBackup(): string {
  const copy = join(temporaryDirectory("hp-backup-copy-"), "backup");
  cpSync(backupDirectory, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  // The installation's data directory as the embedded default lays it out.
  ensureDataDirectory(sourceDirectory);
  const files = dataFiles(sourceDirectory);
  writeFileSync(files.masterKey, `${masterKey}\n`, { mode: 0o600 });
  writeFileSync(files.postgresPassword, "source-password\n", { mode: 0o600 });
  sourcePort = await freePort();
  const server = await startEmbeddedPostgres({
    directory: files.postgresDirectory,
    port: sourcePort,
    password: "source-password",
  });
  try {
    await migrate(server.url, "prisma/migrations");
    const db = createPrismaClient(server.url);
    const deployment = await createDeployment(db, testAudit, {
      name: "Backed up",
      layout: "multi-tenant",
      gaxBaseUrl: "http://127.0.0.1:9/gax",
      gaxUsername: "default",
      gaxPassword: "gax-password",
    });
    const tenant = await createTenant(db, testAudit, {
      deploymentId: deployment.id,
      cfgTenantName: "Restorable",
      region: "eu-west-1",
      bootstrapClientId: "client-restorable",
      bootstrapClientSecret: bootstrapSecret,
      services: ["predictive-engagement"],
    });
    tenantId = tenant.id;
    const [queued] = await db.$transaction((tx) => queueRuns(tx, testAudit, { tenantIds: [tenantId], mode: "verify" }));
    queuedRunId = queued!.runId;
    await writeCheckpoint(db, join(sourceDirectory, "audit-checkpoints.jsonl"));
    sourceCounts = await tableCounts(server.url);
    await db.$disconnect();
  } finally {
    await server.stop();
  }
}, 180_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

describe("cli backup and restore", { timeout: 240_000 }, () => {
  it("backs up the embedded default: every table, the key and the checkpoints, private files, audited", async () => {
    const run = await runCliProcess(["backup", "--out", backupDirectory], {
      env: installationEnv({ DATA_DIR: sourceDirectory, EMBEDDED_POSTGRES_PORT: String(sourcePort) }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Backup written to .*: \d+ tables/);
    expect(run.stdout).toMatch(/WARNING: .*keys holds the master key: whoever has this directory can open every/);

    const manifest = JSON.parse(readFileSync(join(backupDirectory, "manifest.json"), "utf8"));
    const rows = Object.fromEntries(
      (manifest.tables as { name: string; rows: number }[]).map((table) => [table.name, table.rows]),
    );
    expect(rows).toEqual(sourceCounts);
    expect(rows.secrets).toBeGreaterThanOrEqual(2);
    expect(manifest.migrations).toEqual(migrationNames("prisma/migrations"));
    expect(manifest.keys).toMatchObject({ masterKey: "file", previousKeys: "none" });
    expect(manifest.keys.needed).toEqual([loadKeyring({ APP_ENCRYPTION_KEY: masterKey }).current.fingerprint]);
    expect(readFileSync(join(backupDirectory, "keys/master.key"), "utf8").trim()).toBe(masterKey);
    expect(manifest.audit.checkpointsFile).toBe("audit-checkpoints.jsonl");
    expect(statSync(backupDirectory).mode & 0o777).toBe(0o700);
    for (const file of manifest.files as { path: string }[])
      expect(statSync(join(backupDirectory, file.path)).mode & 0o777, file.path).toBe(0o600);

    const files = dataFiles(sourceDirectory);
    const server = await startEmbeddedPostgres({
      directory: files.postgresDirectory,
      port: sourcePort,
      password: "source-password",
    });
    const db = createPrismaClient(server.url);
    try {
      const recorded = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect(recorded).toMatchObject({ action: "backup.create", actorEmail: expect.stringMatching(/^cli:/) });
      expect(recorded.details).toMatchObject({ directory: backupDirectory, auditHead: manifest.audit.head.seq });
    } finally {
      await db.$disconnect();
      await server.stop();
    }

    const again = await runCliProcess(["backup", "--out", backupDirectory], {
      env: installationEnv({ DATA_DIR: sourceDirectory, EMBEDDED_POSTGRES_PORT: String(sourcePort) }),
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty .*choose a new directory/);
  });

  it("restores into a fresh data directory: rows, the key, the chain, and later events chain on", async () => {
    const target = temporaryDirectory("hp-restore-");
    const port = await freePort();
    const run = await runCliProcess(["restore", "--from", backupDirectory], {
      env: installationEnv({ DATA_DIR: target, EMBEDDED_POSTGRES_PORT: String(port) }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Master key restored into .*master\.key/);
    expect(run.stdout).toMatch(/1 queued run\(s\) ended failed/);
    expect(run.stdout).toMatch(/Audit chain intact: \d+ events verified, through the checkpoint of/);
    const restoredKey = readFileSync(join(target, "master.key"), "utf8").trim();
    expect(restoredKey).toBe(masterKey);
    expect(statSync(join(target, "master.key")).mode & 0o777).toBe(0o600);

    const password = readFileSync(dataFiles(target).postgresPassword, "utf8").trim();
    const server = await startEmbeddedPostgres({ directory: dataFiles(target).postgresDirectory, port, password });
    const db = createPrismaClient(server.url);
    try {
      const counts = await tableCounts(server.url);
      // The restore's own records come after the restored ones: backup.restore, and run.finish of the queued run.
      expect(counts).toEqual({ ...sourceCounts, audit_events: sourceCounts.audit_events! + 2 });
      // The search rows are derived: the audit log's insert trigger wrote them again as the events went back in.
      expect(await db.auditEventSearch.count()).toBe(counts.audit_events);
      // The key versions' sequence continues after the restored rows.
      const versions = await db.encryptionKey.findMany({ select: { version: true } });
      expect(await keyVersionOf(db, "a-key-registered-after-the-restore")).toBe(
        Math.max(...versions.map((row) => row.version)) + 1,
      );
      const keyring = loadKeyring({ APP_ENCRYPTION_KEY: restoredKey });
      expect(await openSecret(db, tenantSecretRef(tenantId, BOOTSTRAP_SECRET), keyring)).toBe(bootstrapSecret);
      expect(await db.run.findUniqueOrThrow({ where: { id: queuedRunId } })).toMatchObject({
        status: "failed",
        operatorMessage: expect.stringMatching(/restored from a backup/),
      });
      // Nothing of the audit log's protection was switched off to put the rows back.
      await expect(db.$executeRawUnsafe("DELETE FROM audit_events WHERE seq = 1")).rejects.toThrow(/append-only/);
      const last = await db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 });
      expect(last.map((event) => event.action)).toEqual(["run.finish", "backup.restore"]);

      await db.$transaction((tx) =>
        recordAuditEvent(
          tx,
          { actor: systemActor },
          { event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u" }, details: {} } },
        ),
      );
      const chain = await verifyAuditChain(db, {
        checkpoints: readCheckpoints(join(target, "audit-checkpoints.jsonl")),
      });
      expect(chain).toMatchObject({ ok: true, checked: sourceCounts.audit_events! + 3 });
      expect(chain.ok && chain.checkpoint?.seq).toBe(String(sourceCounts.audit_events));
    } finally {
      await db.$disconnect();
      await server.stop();
    }
  });

  it("restores into an empty DATABASE_URL with the key kept apart and given in the environment, at the backup's level", async () => {
    const url = await emptyDatabase();
    const dataDirectory = temporaryDirectory("hp-restore-external-");
    // The key material kept apart from the dump: the key given in the environment opens it.
    const withoutKeys = copyOfBackup();
    rmSync(join(withoutKeys, "keys"), { recursive: true });
    const run = await runCliProcess(["restore", "--from", withoutKeys], {
      env: installationEnv({ DATABASE_URL: url, APP_ENCRYPTION_KEY: masterKey, DATA_DIR: dataDirectory }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/The master key is the one given in APP_ENCRYPTION_KEY/);
    expect(run.stdout).not.toMatch(/not applied yet/);
    expect(run.stdout).toMatch(/Audit chain intact/);
    expect(existsSync(join(dataDirectory, "master.key"))).toBe(false);
    const counts = await tableCounts(url);
    expect(counts.tenants).toBe(sourceCounts.tenants);
    expect(counts.secrets).toBe(sourceCounts.secrets);
  });

  it("backs up an external DATABASE_URL, saying that the key from the environment is not in the backup", async () => {
    const isolated = await isolatedDatabase();
    cleanups.push(() => isolated.drop());
    await isolated.db.$transaction((tx) =>
      recordAuditEvent(
        tx,
        { actor: systemActor },
        { event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u" }, details: {} } },
      ),
    );
    const out = join(scratchDirectory(), "backup");
    const run = await runCliProcess(["backup", "--out", out], {
      env: installationEnv({ DATABASE_URL: isolated.url, APP_ENCRYPTION_KEY: masterKey, DATA_DIR: scratchDirectory() }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/master key came from the environment \(APP_ENCRYPTION_KEY\) and is NOT in this backup/);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.keys).toMatchObject({ masterKey: "environment", previousKeys: "none" });
    expect(manifest.tables.find((table: { name: string }) => table.name === "audit_events").rows).toBe(1);
    expect(existsSync(join(out, "keys"))).toBe(false);
    expect(await isolated.db.auditEvent.count({ where: { action: "backup.create" } })).toBe(1);
  });

  it("leaves no partial backup behind when it fails after the dump", async () => {
    const isolated = await isolatedDatabase();
    cleanups.push(() => isolated.drop());
    await isolated.db.$transaction((tx) =>
      recordAuditEvent(
        tx,
        { actor: systemActor },
        { event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u" }, details: {} } },
      ),
    );
    const out = join(scratchDirectory(), "backup");
    // A checkpoint file that cannot be read: the failure comes after every table was written.
    const run = await runCliProcess(["backup", "--out", out], {
      env: installationEnv({
        DATABASE_URL: isolated.url,
        APP_ENCRYPTION_KEY: masterKey,
        DATA_DIR: scratchDirectory(),
        AUDIT_CHECKPOINT_FILE: scratchDirectory(),
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EISDIR/);
    expect(readdirSync(out)).toEqual([]);
  });

  it("refuses a backup file that was changed, naming it, and writes nothing", async () => {
    const copy = copyOfBackup();
    const file = join(copy, "data/tenants.copy");
    writeFileSync(file, readFileSync(file, "utf8").replace("Restorable", "Restorablf"));
    const url = await emptyDatabase();
    const run = await runCliProcess(["restore", "--from", copy], {
      env: installationEnv({ DATABASE_URL: url, APP_ENCRYPTION_KEY: masterKey, DATA_DIR: scratchDirectory() }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/data\/tenants\.copy does not match its checksum .*nothing was restored/);
    expect(await tableCounts(url)).toEqual({});
  });

  it("refuses a file changed together with its checksum: the manifest's signature needs the master key", async () => {
    const copy = copyOfBackup();
    const file = join(copy, "data/tenants.copy");
    writeFileSync(file, readFileSync(file, "utf8").replace("Restorable", "Restorablf"));
    const manifestPath = join(copy, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const entry = manifest.files.find((candidate: { path: string }) => candidate.path === "data/tenants.copy");
    entry.sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const url = await emptyDatabase();
    const run = await runCliProcess(["restore", "--from", copy], {
      env: installationEnv({ DATABASE_URL: url, APP_ENCRYPTION_KEY: masterKey, DATA_DIR: scratchDirectory() }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/manifest\.json does not match its signature .*nothing was restored/);
    expect(await tableCounts(url)).toEqual({});
  });

  it("refuses a target database that already holds data, naming the table", async () => {
    const isolated = await isolatedDatabase();
    cleanups.push(() => isolated.drop());
    await isolated.db.encryptionKey.create({ data: { fingerprint: "already-here" } });
    const run = await runCliProcess(["restore", "--from", backupDirectory], {
      env: installationEnv({ DATABASE_URL: isolated.url, APP_ENCRYPTION_KEY: masterKey, DATA_DIR: scratchDirectory() }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/already holds data \(table encryption_keys\)/);
    expect(await isolated.db.auditEvent.count()).toBe(0);
  });

  it("refuses a backup with a migration this build does not know", async () => {
    const copy = copyOfBackup();
    const manifestPath = join(copy, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.migrations.push("20991231000000_from_a_later_release");
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const url = await emptyDatabase();
    const run = await runCliProcess(["restore", "--from", copy], {
      env: installationEnv({ DATABASE_URL: url, APP_ENCRYPTION_KEY: masterKey, DATA_DIR: scratchDirectory() }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/migration 20991231000000_from_a_later_release, which this build does not know/);
    expect(await tableCounts(url)).toEqual({});
  });

  it("refuses when the master key given does not open the backup", async () => {
    const url = await emptyDatabase();
    const run = await runCliProcess(["restore", "--from", backupDirectory], {
      env: installationEnv({
        DATABASE_URL: url,
        APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        DATA_DIR: scratchDirectory(),
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the backup needs master key [0-9a-f]{32}/);
    expect(await tableCounts(url)).toEqual({});
  });
});
