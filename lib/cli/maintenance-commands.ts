import type { Command } from "commander";
import { verifyAgainstCheckpoints } from "@/lib/audit/chain-status";
import { generateNewMasterKey } from "@/lib/secrets/generate-master-key";
import { rotateSecrets } from "@/lib/secrets/rotate";
import { runningPostmaster } from "@/lib/runtime/embedded-postgres";
import { dataFiles } from "@/lib/runtime/data-files";
import { dataDirectory } from "@/lib/runtime/paths";
import { maintenanceAuditContext } from "./cli-actor";
import { CliFailure } from "./errors";
import type { CliIo } from "./io";
import { withDb } from "./with-db";

export function registerMaintenanceCommands(program: Command, io: CliIo): void {
  const keys = program.command("keys").description("the master key that seals secrets at rest");
  keys
    .command("rotate")
    .description(
      "re-seal every secret under the current master key (APP_ENCRYPTION_KEY; older keys in APP_ENCRYPTION_PREVIOUS_KEYS)",
    )
    .option(
      "--generate",
      "embedded default only: first generate a new master key in the data directory, keeping the old one",
    )
    .action(async (options: { generate?: boolean }) => {
      if (options.generate) {
        if (process.env.DATABASE_URL || process.env.APP_ENCRYPTION_KEY) {
          throw new CliFailure(
            "--generate only works on the embedded default; set APP_ENCRYPTION_KEY to the new key and APP_ENCRYPTION_PREVIOUS_KEYS to the old one instead.",
          );
        }
        const directory = dataDirectory(process.env);
        if (runningPostmaster(dataFiles(directory).postgresDirectory)) {
          throw new CliFailure("The dashboard is running; stop it first so it does not keep sealing with the old key.");
        }
        generateNewMasterKey(directory);
        io.out(
          `Generated a new master key in ${dataFiles(directory).masterKey}; the old one is kept in ${dataFiles(directory).previousKeys}.\n`,
        );
      }
      const report = await withDb((db) => rotateSecrets(db, maintenanceAuditContext()));
      io.out(
        `Key version ${report.keyVersion}: re-sealed ${report.resealed} secrets, ${report.alreadyCurrent} were already current.\n`,
      );
      io.out("Every secret is now sealed under the current key; older keys are no longer needed to open them.\n");
    });

  const audit = program.command("audit").description("the tamper-evident audit log");
  audit
    .command("verify")
    .description(
      "check the hash chain of the whole audit log against its signed checkpoints and report the first broken link",
    )
    .option("--json", "print the result as JSON")
    .action(async (options: { json?: boolean }) => {
      const report = await withDb((db) => verifyAgainstCheckpoints(db));
      if (options.json) io.out(`${JSON.stringify(report)}\n`);
      else if (report.ok)
        io.out(
          `Audit chain intact: ${report.checked} events verified${report.checkpoint ? `, through the checkpoint of ${report.checkpoint.at} (event ${report.checkpoint.seq})` : ", no checkpoint yet"}.\n`,
        );
      if (!report.ok)
        throw new CliFailure(
          `audit chain broken at event ${report.firstBroken.seq}: ${report.firstBroken.reason} (${report.checked} events before it verify)`,
        );
    });
}
