import type { Command } from "commander";
import { AppError } from "@/lib/errors";
import { runBootstrapDoctor, type DoctorResult } from "@/lib/tenants/bootstrap-doctor";
import { CliExitCode, CliFailure, EXIT_FAILURE } from "./errors";
import type { CliIo } from "./io";
import { operatorContext } from "./operator-account";
import { findTenantByName } from "./tenant-lookup";
import { withDb } from "./with-db";

type DoctorOptions = { tenant: string; as?: string; deployment?: string; json?: boolean };

function formatDoctor(result: DoctorResult): string {
  const org = result.org ? ` in org ${result.org.shortName} (${result.org.name})` : "";
  const lines = [`doctor ${result.tenant}: bootstrap client ${result.clientId}${org}`];
  const { access } = result;
  if (!access) return [...lines, `  ✗ cannot check the client: ${result.failure}`].join("\n");
  lines.push("  ✓ signs in and reads the org");
  const roleNames = access.roles?.map((role) => role.name).join(", ");
  if (access.roles) lines.push(`  ✓ reads its own roles: ${roleNames || "none"}`);
  const stepCount = access.checkedSteps.length;
  if (result.ok) lines.push(`  ✓ holds every permission and role the ${stepCount} steps that apply need`);
  lines.push(...result.problems.map((problem) => `  ✗ ${problem}`));
  if (result.remedy) lines.push(result.remedy);
  return lines.join("\n");
}

export function registerDoctorCommand(program: Command, io: CliIo): void {
  program
    .command("doctor")
    .description(
      "check that a tenant's bootstrap client holds every permission and role the steps need, " +
        "without changing anything (exit 1 when something is missing)",
    )
    .requiredOption("--tenant <name>", "Configuration Server tenant name or org short name")
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option("--deployment <name>", "the deployment, when the tenant name is not unique")
    .option("--json", "print the result as JSON")
    .action((options: DoctorOptions) =>
      withDb(async (db) => {
        const audit = await operatorContext(db, options.as, "tenant.read");
        const tenant = await findTenantByName(db, options.tenant, options.deployment);
        const result = await runBootstrapDoctor(db, audit, tenant.id).catch((error: unknown) => {
          throw error instanceof AppError ? new CliFailure(error.message) : error;
        });
        io.out(`${options.json ? JSON.stringify(result, null, 2) : formatDoctor(result)}\n`);
        if (!result.ok) throw new CliExitCode(EXIT_FAILURE);
      }),
    );
}
