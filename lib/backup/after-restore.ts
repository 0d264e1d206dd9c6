import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readCheckpoints } from "@/lib/audit/checkpoints";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { failRunBeforeStart } from "@/lib/provisioning";
import type { RestoreKeys } from "./key-material";
import type { BackupManifest } from "./manifest";

/** Embedded default with the backup's keys: they go into the data directory (0600), where the next start reads them. */
export function writeRestoredKeys(keys: RestoreKeys): string[] {
  const written: string[] = [];
  for (const file of keys.write) {
    if (existsSync(file.path)) continue; // checked before the restore: it holds the same key
    writeFileSync(file.path, file.content, { flag: "wx", mode: 0o600 });
    written.push(file.path);
  }
  return written;
}

/**
 * The backup's signed checkpoints become this installation's when it has none yet, so `audit verify` holds the
 * restored log against what the original installation signed. An existing file is left as it is.
 */
export function restoreCheckpoints(options: { backup: string; manifest: BackupManifest; target: string }) {
  const source = options.manifest.audit.checkpointsFile;
  if (!source) return "none" as const;
  if (existsSync(options.target) && statSync(options.target).size > 0) return "kept" as const;
  mkdirSync(dirname(options.target), { recursive: true });
  writeFileSync(options.target, readFileSync(join(options.backup, source)), { mode: 0o600 });
  return "restored" as const;
}

export const verifyRestoredChain = (db: Db, checkpointFile: string): Promise<ChainReport> =>
  verifyAuditChain(db, { checkpoints: readCheckpoints(checkpointFile) });

/** The backup.restore record, chained on the restored log. */
export async function recordRestore(
  db: Db,
  audit: AuditContext,
  options: { backup: string; manifest: BackupManifest; rows: number; chain: ChainReport },
) {
  const { manifest, chain } = options;
  await db.$transaction((tx) =>
    recordAuditEvent(tx, audit, {
      event: {
        action: "backup.restore",
        outcome: chain.ok ? "success" : "failure",
        target: { type: "backup", id: manifest.createdAt, label: options.backup },
        details: {
          directory: options.backup,
          createdAt: manifest.createdAt,
          productVersion: manifest.product.version,
          tables: manifest.tables.length,
          rows: options.rows,
          migration: manifest.migrations.at(-1) ?? null,
          chain: chain.ok
            ? { ok: true, checked: chain.checked }
            : {
                ok: false,
                checked: chain.checked,
                firstBroken: `${chain.firstBroken.seq}: ${chain.firstBroken.reason}`,
              },
        },
      },
    }),
  );
}

/**
 * The job queue is not part of a backup, so a run that was queued has no job to take it: it ends failed now, with
 * its run.finish record, as any run that cannot start does. Runs that were running are left to the engine's rule:
 * their lease has passed, so the next run of their tenant marks them abandoned and resumes from their records.
 */
export async function endQueuedRuns(db: Db, audit: AuditContext): Promise<number> {
  const queued = await db.run.findMany({ where: { status: "queued" }, select: { id: true } });
  const error = new AppError(
    "unavailable",
    "The database was restored from a backup, which does not hold the job queue: this run never started. Run it again.",
  );
  let ended = 0;
  for (const run of queued)
    if (await failRunBeforeStart(db, audit, { runId: run.id, error, onlyIfQueued: true })) ended += 1;
  return ended;
}
