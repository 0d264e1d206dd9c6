import { resolve } from "node:path";
import type { Command } from "commander";
import { recordAuditEvent } from "@/lib/audit/record";
import {
  checkBackup,
  createBackup,
  endQueuedRuns,
  keySources,
  productVersion,
  recordRestore,
  restoreCheckpoints,
  restoreDatabase,
  verifyRestoredChain,
  writeRestoredKeys,
  type BackupManifest,
} from "@/lib/backup";
import { ensureAppRole } from "@/lib/db/app-role";
import { createPrismaClient } from "@/lib/db/client";
import { migrationNames } from "@/lib/db/migrations";
import { auditCheckpointFile, dataDirectory, migrationsDirectory } from "@/lib/runtime/paths";
import { prepareRuntime, type Runtime } from "@/lib/runtime/prepare";
import { maintenanceAuditContext } from "./cli-actor";
import { CliFailure } from "./errors";
import type { CliIo } from "./io";

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await prepareRuntime({ reuseRunningServer: true });
  try {
    return await work(runtime);
  } finally {
    await runtime.embedded?.stop();
  }
}

const totalRows = (manifest: BackupManifest) => manifest.tables.reduce((sum, table) => sum + table.rows, 0);

function keyWarning(manifest: BackupManifest, directory: string): string {
  const where =
    manifest.keys.masterKey === "file"
      ? `${directory}/keys holds the master key${manifest.keys.previousKeys === "file" ? " and the previous keys" : ""}: whoever has this directory can open every sealed secret.`
      : "The master key came from the environment (APP_ENCRYPTION_KEY) and is NOT in this backup: keep it separately; without it the sealed secrets and the audit chain cannot be opened.";
  const previous =
    manifest.keys.previousKeys === "environment"
      ? " The previous keys (APP_ENCRYPTION_PREVIOUS_KEYS) are not in the backup either."
      : "";
  return (
    `WARNING: ${where}${previous} Keep the key material apart from the database files, encrypted and readable only ` +
    `by those allowed to restore (e.g. keys/ in your secret store, put back into this directory for a restore; or give ` +
    `APP_ENCRYPTION_KEY when restoring).\n`
  );
}

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command("backup")
    .description("a consistent dump of the database, the key material and the audit checkpoints, into a new directory")
    .requiredOption("--out <dir>", "directory to create (it must not exist or be empty)")
    .action(async (options: { out: string }) => {
      const out = resolve(options.out);
      const environment = { ...process.env }; // before the runtime fills in the keys it read from the data directory
      const manifest = await withRuntime(async (runtime) => {
        const made = await createBackup({
          databaseUrl: runtime.ownerUrl,
          out,
          product: productVersion(),
          keys: (needed) => keySources({ env: environment, dataDirectory: runtime.dataDirectory, needed }),
          checkpointFile: auditCheckpointFile(),
        });
        const db = createPrismaClient(runtime.databaseUrl);
        try {
          await db.$transaction((tx) =>
            recordAuditEvent(tx, maintenanceAuditContext(), {
              event: {
                action: "backup.create",
                outcome: "success",
                target: { type: "backup", id: made.createdAt, label: out },
                details: {
                  directory: out,
                  tables: made.tables.length,
                  rows: totalRows(made),
                  migration: made.migrations.at(-1) ?? null,
                  auditHead: made.audit.head?.seq ?? null,
                  keySource: made.keys.masterKey,
                },
              },
            }),
          );
        } finally {
          await db.$disconnect();
        }
        return made;
      });
      io.out(
        `Backup written to ${out}: ${manifest.tables.length} tables, ${totalRows(manifest)} rows, migration level ` +
          `${manifest.migrations.at(-1) ?? "none"}, audit log through event ${manifest.audit.head?.seq ?? "none"}.\n`,
      );
      io.out(keyWarning(manifest, out));
    });

  program
    .command("restore")
    .description(
      "restore a backup into an empty database (DATABASE_URL, or the embedded one of DATA_DIR) and its keys into the data directory",
    )
    .requiredOption("--from <dir>", "a directory written by backup")
    .action(async (options: { from: string }) => {
      const from = resolve(options.from);
      const { manifest, keys } = await checkBackup({
        backup: from,
        migrationsDirectory,
        env: { ...process.env },
        dataDirectory: dataDirectory(process.env),
      });
      // The runtime must use the backup's keys, never generate a new one into the data directory.
      process.env.APP_ENCRYPTION_KEY = keys.env.APP_ENCRYPTION_KEY;
      if (keys.env.APP_ENCRYPTION_PREVIOUS_KEYS)
        process.env.APP_ENCRYPTION_PREVIOUS_KEYS = keys.env.APP_ENCRYPTION_PREVIOUS_KEYS;
      const audit = maintenanceAuditContext();
      const result = await withRuntime(async (runtime) => {
        const counts = await restoreDatabase({
          ownerUrl: runtime.ownerUrl,
          backup: from,
          manifest,
          migrationsDirectory,
        });
        if (runtime.appRole) await ensureAppRole(runtime.ownerUrl, runtime.appRole);
        const keyFiles = writeRestoredKeys(keys);
        const checkpointFile = auditCheckpointFile();
        const checkpoints = restoreCheckpoints({ backup: from, manifest, target: checkpointFile });
        // As the owner: with an external database the app role gets its grants on new tables only afterwards.
        const db = createPrismaClient(runtime.ownerUrl);
        try {
          const chain = await verifyRestoredChain(db, checkpointFile);
          const rows = Object.values(counts).reduce((sum, count) => sum + count, 0);
          await recordRestore(db, audit, { backup: from, manifest, rows, chain });
          const runsEnded = await endQueuedRuns(db, audit);
          const grantsNeeded = !runtime.appRole && runtime.ownerUrl !== runtime.databaseUrl;
          return { rows, chain, keyFiles, checkpoints, checkpointFile, runsEnded, grantsNeeded };
        } finally {
          await db.$disconnect();
        }
      });
      io.out(
        `Restored ${manifest.tables.length} tables, ${result.rows} rows, at migration level ${manifest.migrations.at(-1) ?? "none"} ` +
          `(backup of ${manifest.createdAt}, version ${manifest.product.version}).\n`,
      );
      const pending = migrationNames(migrationsDirectory).filter((name) => !manifest.migrations.includes(name));
      if (pending.length)
        io.out(`${pending.length} migration(s) of this release are not applied yet: run npm run db:migrate.\n`);
      if (result.keyFiles.length) io.out(`Master key restored into ${result.keyFiles.join(", ")} (mode 0600).\n`);
      else if (keys.source === "environment")
        io.out("The master key is the one given in APP_ENCRYPTION_KEY: keep setting it for this installation.\n");
      if (result.checkpoints === "restored") io.out(`Audit checkpoints restored into ${result.checkpointFile}.\n`);
      if (result.checkpoints === "kept")
        io.out(`${result.checkpointFile} already existed and was kept; the backup's checkpoints were not added.\n`);
      if (result.grantsNeeded)
        io.out(
          "Grant the app role its privileges again before starting (README, External PostgreSQL: Least privilege).\n",
        );
      if (result.runsEnded)
        io.out(
          `${result.runsEnded} queued run(s) ended failed: the job queue is not part of a backup; run them again.\n`,
        );
      if (!result.chain.ok)
        throw new CliFailure(
          `the data was restored, but the audit chain is broken at event ${result.chain.firstBroken.seq}: ${result.chain.firstBroken.reason}`,
        );
      io.out(
        `Audit chain intact: ${result.chain.checked} events verified${result.chain.checkpoint ? `, through the checkpoint of ${result.chain.checkpoint.at} (event ${result.chain.checkpoint.seq})` : ""}; the restore is recorded after them (backup.restore).\n`,
      );
    });
}
