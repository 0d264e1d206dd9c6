import { createReadStream } from "node:fs";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrate, migrationNames } from "@/lib/db/migrations";
import { BackupError } from "./errors";
import { KEY_FILES, planRestoreKeys } from "./key-material";
import { loadKeyring } from "@/lib/secrets/keyring";
import { readManifest, verifyBackupFiles, type BackupManifest } from "./manifest";
import { checkManifestSignature } from "./manifest-signature";
import { applicationTables, columnList, portableSession, quoteIdent } from "./tables";

/**
 * Everything a restore checks before it writes anything: the manifest, that this build knows every migration of the
 * backup, that the master keys at hand open its data and signed its manifest, and every file's checksum.
 */
export async function checkBackup(options: {
  backup: string;
  migrationsDirectory: string;
  env: Record<string, string | undefined>;
  dataDirectory: string;
}) {
  const manifest = await readManifest(options.backup);
  const known = new Set(migrationNames(options.migrationsDirectory));
  const unknown = manifest.migrations.find((name) => !known.has(name));
  if (unknown)
    throw new BackupError(
      `the backup has migration ${unknown}, which this build does not know: restore it with version ${manifest.product.version} of ${manifest.product.name} or newer`,
    );
  const keys = planRestoreKeys({ ...options, manifest });
  checkManifestSignature(manifest, loadKeyring(keys.env));
  // Key files may be kept apart from the backup when the keys are given in the environment.
  const optional = options.env.APP_ENCRYPTION_KEY ? Object.values(KEY_FILES) : [];
  await verifyBackupFiles(options.backup, manifest, optional);
  return { manifest, keys };
}

/** Refuses a target database that is migrated beyond the backup or already holds application data. */
async function checkTarget(client: pg.Client, manifest: BackupManifest) {
  const bookkept = (await client.query("SELECT to_regclass('public._prisma_migrations') AS name")).rows[0]?.name;
  if (bookkept) {
    const { rows } = await client.query<{ name: string }>(
      `SELECT migration_name AS name FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const beyond = rows.find((row) => !manifest.migrations.includes(row.name));
    if (beyond)
      throw new BackupError(
        `the target database has migration ${beyond.name}, which the backup does not: restore into an empty database`,
      );
  }
  for (const table of await applicationTables(client)) {
    // The migration that makes the audit log's identity writes its one row; the backup's replaces it.
    if (table.name === "audit_log_identity") continue;
    const { rowCount } = await client.query(`SELECT 1 FROM ${quoteIdent(table.name)} LIMIT 1`);
    if (rowCount)
      throw new BackupError(
        `the target database already holds data (table ${table.name}): restore only into an empty database; nothing was restored`,
      );
  }
}

/** Identity and serial columns continue after the restored rows. */
async function resetSequences(client: pg.Client) {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(`
    SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(format('%I', c.relname), a.attname) AS sequence
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`);
  for (const row of rows)
    await client.query(
      `SELECT setval($1, COALESCE((SELECT max(${quoteIdent(row.column)}) FROM ${quoteIdent(row.table)}), 0) + 1, false)`,
      [row.sequence],
    );
}

async function copyRows(client: pg.Client, options: { backup: string; manifest: BackupManifest }) {
  const byName = new Map(options.manifest.tables.map((table) => [table.name, table]));
  const tables = await applicationTables(client);
  const missing = tables.find((table) => !byName.has(table.name));
  const extra = options.manifest.tables.find((entry) => !tables.some((table) => table.name === entry.name));
  if (missing || extra)
    throw new BackupError(
      `the backup's tables do not match its migration level (${missing ? `no rows for ${missing.name}` : `unknown table ${extra!.name}`})`,
    );
  const counts: Record<string, number> = {};
  // In dependency order, with every trigger in force: the audit log's own triggers refuse only changes and
  // removals, and its insert trigger rebuilds the search rows as the events go back in.
  await client.query("DELETE FROM audit_log_identity");
  for (const table of tables) {
    const entry = byName.get(table.name)!;
    const target = client.query(
      copyFrom(`COPY ${quoteIdent(entry.name)} (${columnList(entry.columns)}) FROM STDIN`),
    ) as unknown as Writable & { rowCount: number };
    await pipeline(createReadStream(join(options.backup, entry.file)), target);
    if (target.rowCount !== entry.rows)
      throw new BackupError(`${entry.file} held ${target.rowCount} rows, the manifest says ${entry.rows}`);
    counts[entry.name] = target.rowCount;
  }
  await resetSequences(client);
  return counts;
}

/**
 * Brings the empty target database to exactly the backup's migration level and copies every row in, in one
 * transaction: a failure leaves the target migrated and still empty, so the restore can simply be run again.
 */
export async function restoreDatabase(options: {
  ownerUrl: string;
  backup: string;
  manifest: BackupManifest;
  migrationsDirectory: string;
}): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: options.ownerUrl });
  await client.connect();
  try {
    await checkTarget(client, options.manifest);
    await migrate(options.ownerUrl, options.migrationsDirectory, { only: options.manifest.migrations });
    await portableSession(client);
    await client.query("BEGIN");
    try {
      const counts = await copyRows(client, options);
      await client.query("COMMIT");
      return counts;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  } finally {
    await client.end();
  }
}
