import type { Command } from "commander";
import { dirname, resolve } from "node:path";
import type PgBoss from "pg-boss";
import { parseEnv, workerSettings } from "@/lib/config/env";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { describeProblem, FleetInvalidError } from "@/lib/fleet/fleet-problems";
import { exportFleet, fleetYaml } from "@/lib/fleet/export-fleet";
import { importFleet, type FleetImportOutcome } from "@/lib/fleet/import-fleet";
import { importTenantCsv, isTenantCsv } from "@/lib/fleet/import-tenant-csv";
import { createBoss, ensureQueues } from "@/lib/jobs/queues";
import { withDatabase } from "@/lib/runtime/database";
import { CliExitCode, EXIT_CHANGES, EXIT_FAILURE } from "./errors";
import type { CliIo } from "./io";
import { operatorContext } from "./operator-account";
import { readTextFile } from "./read-text-file";
import { withDb } from "./with-db";

type ImportOptions = { as?: string; dryRun?: boolean; json?: boolean };

/** A database client and, opened on demand, a queue handle for jobs; both closed afterwards. */
async function withDbAndQueue<T>(work: (db: Db, openQueue: () => Promise<PgBoss>) => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    const db = createPrismaClient(url);
    let boss: PgBoss | undefined;
    const openQueue = async () => {
      const settings = workerSettings(parseEnv(process.env));
      boss = createBoss(url, settings, { schedule: false, supervise: false });
      await boss.start();
      await ensureQueues(boss, settings);
      return boss;
    };
    try {
      return await work(db, openQueue);
    } finally {
      await boss?.stop({ graceful: true, wait: true }).catch(() => undefined);
      await db.$disconnect();
    }
  });
}

function printOutcome(io: CliIo, outcome: FleetImportOutcome, dryRun: boolean) {
  const counts = (action: "create" | "update") => outcome.changes.filter((change) => change.action === action).length;
  const verb = dryRun ? "would create" : "created";
  const updated = dryRun ? "would update" : "updated";
  io.out(`import: ${verb} ${counts("create")}, ${updated} ${counts("update")}, ${outcome.unchanged} unchanged\n`);
  for (const change of outcome.changes) {
    const mark = change.action === "create" ? "+" : "~";
    const fields = change.fields.length > 0 ? `: ${change.fields.join(", ")}` : "";
    io.out(`  ${mark} ${change.target} ${change.label}${fields}\n`);
  }
}

export function registerFleetCommands(program: Command, io: CliIo): void {
  program
    .command("import")
    .argument("<file>", "fleet file, YAML or JSON, or a CSV of tenants (*.csv) (docs/fleet.md)")
    .description(
      "register or update deployments and tenants from a fleet file; nothing is written if anything is wrong",
    )
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option("--dry-run", "only print what would change (exit 3 when something would)")
    .option("--json", "print the changes (or the problems) as JSON")
    .action(async (file: string, options: ImportOptions) => {
      const text = await readTextFile(file, "FILE");
      const lookup = { env: process.env, baseDir: dirname(resolve(file)) };
      await withDbAndQueue(async (db, openQueue) => {
        // Refused before the file's secrets are read or compared with the sealed ones.
        const audit = await operatorContext(db, options.as, "tenant.manage");
        try {
          const request = {
            lookup,
            dryRun: Boolean(options.dryRun),
            openQueue,
            authorize: async ({ deployments }: { deployments: boolean }) =>
              deployments ? operatorContext(db, options.as, "deployment.manage") : audit,
          };
          // A CSV of tenants (docs/fleet.md, "Tenants as CSV") goes through the same import.
          const outcome = isTenantCsv(file)
            ? await importTenantCsv(db, { ...request, csv: text })
            : await importFleet(db, { ...request, text });
          if (options.json) io.out(`${JSON.stringify(outcome, null, 2)}\n`);
          else printOutcome(io, outcome, Boolean(options.dryRun));
          if (options.dryRun && outcome.changes.length > 0) throw new CliExitCode(EXIT_CHANGES);
        } catch (error) {
          if (!(error instanceof FleetInvalidError)) throw error;
          if (options.json) io.out(`${JSON.stringify({ problems: error.problems }, null, 2)}\n`);
          io.err(`error: ${error.message} Nothing was written.\n`);
          for (const problem of error.problems) io.err(`  ${describeProblem(file, problem)}\n`);
          throw new CliExitCode(EXIT_FAILURE);
        }
      });
    });

  program
    .command("export")
    .description("print the registered fleet in the import format, secrets as { env: NAME } references")
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option("--json", "print JSON instead of YAML")
    .action((options: { as?: string; json?: boolean }) =>
      withDb(async (db) => {
        await operatorContext(db, options.as, "tenant.manage");
        const exported = await exportFleet(db);
        io.out(options.json ? `${JSON.stringify(exported.fleet, null, 2)}\n` : fleetYaml(exported));
      }),
    );
}
