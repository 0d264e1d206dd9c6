import { existsSync, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { createBackupDirectory, emptyDirectory, writeSmallFile, writeStreamFile } from "./backup-files";
import type { KeySources } from "./key-material";
import { loadKeyring } from "@/lib/secrets/keyring";
import { BACKUP_FORMAT_VERSION, MANIFEST_FILE, type BackupFile, type BackupManifest } from "./manifest";
import { signManifest } from "./manifest-signature";
import { applicationTables, columnList, portableSession, quoteIdent } from "./tables";

export const CHECKPOINTS_FILE = "audit-checkpoints.jsonl";

type CreateOptions = {
  /** The owner's connection (it can read every table). */
  databaseUrl: string;
  out: string;
  product: { name: string; version: string };
  /** Where the keys come from; `needed` is filled in from the data. */
  keys: (needed: string[]) => KeySources;
  checkpointFile: string;
};

/**
 * A consistent logical dump: every application table copied out (COPY, text format, portable across server versions)
 * inside one read-only repeatable-read transaction, so all files show the database at one instant; then the key
 * material and the signed audit checkpoints up to that instant, and a manifest with each file's SHA-256.
 */
export async function createBackup(options: CreateOptions): Promise<BackupManifest> {
  await createBackupDirectory(options.out);
  try {
    return await writeBackup(options);
  } catch (error) {
    // The directory was empty: what is in it now is this attempt's, and a partial backup must not pass for one.
    await emptyDirectory(options.out);
    throw error;
  }
}

async function writeBackup(options: CreateOptions): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const files: BackupFile[] = [];
  let snapshot: Pick<BackupManifest, "server" | "migrations" | "tables"> & {
    logId: string | null;
    head: { seq: string; hash: string } | null;
    needed: string[];
  };
  try {
    await portableSession(client);
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    const migrations = (
      await client.query<{ name: string }>(
        `SELECT migration_name AS name FROM "_prisma_migrations"
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((row) => row.name);
    const tables: BackupManifest["tables"] = [];
    for (const table of await applicationTables(client)) {
      const file = `data/${table.name}.copy`;
      const stream = client.query(
        copyTo(`COPY ${quoteIdent(table.name)} (${columnList(table.columns)}) TO STDOUT`),
      ) as unknown as Readable;
      const written = await writeStreamFile(options.out, file, stream);
      files.push({ path: written.path, sha256: written.sha256, bytes: written.bytes });
      tables.push({ name: table.name, columns: table.columns, rows: written.lines, file });
    }
    const head =
      (
        await client.query<{ seq: string; hash: string }>(
          "SELECT seq::text AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1",
        )
      ).rows[0] ?? null;
    const logId =
      (await client.query<{ id: string }>("SELECT id::text AS id FROM audit_log_identity LIMIT 1")).rows[0]?.id ?? null;
    // The master keys the data needs: those that sealed a secret and those that keyed audit rows.
    const needed = (
      await client.query<{ fingerprint: string }>(`
        SELECT k.fingerprint FROM encryption_keys k WHERE EXISTS (SELECT 1 FROM secrets s WHERE s.key_version = k.version)
        UNION SELECT DISTINCT chain_key FROM audit_events WHERE chain_key IS NOT NULL`)
    ).rows.map((row) => row.fingerprint);
    await client.query("COMMIT");
    snapshot = { server: { version }, migrations, tables, head, logId, needed };
  } finally {
    await client.end();
  }

  const checkpoints = checkpointsUpTo(options.checkpointFile, snapshot);
  let checkpointsFile: string | null = null;
  if (checkpoints.lines.length) {
    files.push(await writeSmallFile(options.out, CHECKPOINTS_FILE, `${checkpoints.lines.join("\n")}\n`));
    checkpointsFile = CHECKPOINTS_FILE;
  }
  const keyring = loadKeyring();
  const needed = new Set([...snapshot.needed, ...checkpoints.keys, keyring.current.fingerprint]);
  const keySources = options.keys([...needed].sort());
  for (const copy of keySources.copy)
    files.push(await writeSmallFile(options.out, copy.to, readFileSync(copy.from, "utf8")));

  const { copy: _copied, ...keys } = keySources;
  const manifest = signManifest(
    {
      formatVersion: BACKUP_FORMAT_VERSION,
      product: options.product,
      createdAt: new Date().toISOString(),
      server: snapshot.server,
      migrations: snapshot.migrations,
      tables: snapshot.tables,
      audit: { logId: snapshot.logId, head: snapshot.head, checkpointsFile },
      keys,
      files,
    },
    keyring,
  );
  await writeSmallFile(options.out, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * The signed checkpoints of this log up to the dumped head (a checkpoint written after the snapshot would make the
 * restored log look cut short), with the fingerprints of the keys that signed them.
 */
function checkpointsUpTo(file: string, snapshot: { logId: string | null; head: { seq: string } | null }) {
  const lines: string[] = [];
  const keys = new Set<string>();
  if (!existsSync(file) || !snapshot.head) return { lines, keys };
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const checkpoint = JSON.parse(line) as { log?: string; seq?: string; chainKey?: string };
      if (checkpoint.log !== snapshot.logId || BigInt(checkpoint.seq ?? "0") > BigInt(snapshot.head.seq)) continue;
      lines.push(line);
      if (checkpoint.chainKey) keys.add(checkpoint.chainKey);
    } catch {
      // A damaged line is the checkpoint file's own problem (audit verify reports it); it is not carried over.
    }
  }
  return { lines, keys };
}
