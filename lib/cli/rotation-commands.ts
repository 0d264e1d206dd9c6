import type { Command } from "commander";
import { engineSettings, parseEnv } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { rotateCertificate, type RotationReport } from "@/lib/provisioning";
import { rotationStageInfo, tenantLabel } from "@/lib/provisioning";
import { CliExitCode, CliFailure, EXIT_FAILURE } from "./errors";
import type { CliIo } from "./io";
import { operatorContext } from "./operator-account";
import { findTenantByName } from "./tenant-lookup";
import { withDb } from "./with-db";

type RotateOptions = { tenant: string; as?: string; deployment?: string; json?: boolean };

function formatRotationReport(tenantLabel: string, report: RotationReport): string {
  const lines = [
    `rotate-certificate ${tenantLabel}: ${report.status}${report.resumed ? " (resumed)" : ""} (rotation ${report.rotationId}, run ${report.runId}, correlation ${report.correlationId})`,
    ...report.stages.map(
      (entry) =>
        `  ${entry.status === "succeeded" ? "✓" : "✗"} ${rotationStageInfo[entry.stage].title}${entry.changes.length ? ` — ${entry.changes.join("; ")}` : ""}`,
    ),
    `  old certificate SHA-256 ${report.oldFingerprint}`,
  ];
  if (report.newFingerprint)
    lines.push(`  new certificate SHA-256 ${report.newFingerprint}, valid until ${report.newNotAfter}`);
  if (report.error) lines.push(`  ${report.error.message}`);
  return lines.join("\n");
}

export function registerRotationCommands(program: Command, io: CliIo): void {
  program
    .command("rotate-certificate")
    .description("rotate a tenant's SAML signing certificate (resumes an unfinished rotation); exit 1 when it fails")
    .requiredOption("--tenant <name>", "Configuration Server tenant name or org short name")
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option("--deployment <name>", "the deployment, when the tenant name is not unique")
    .option("--json", "print the rotation report as JSON")
    .action((options: RotateOptions) =>
      withDb(async (db) => {
        const audit = await operatorContext(db, options.as, "provisioning.run");
        const tenant = await findTenantByName(db, options.tenant, options.deployment);
        const report = await rotateCertificate(tenant.id, { db, audit, ...engineSettings(parseEnv()) }).catch(
          (error: unknown) => {
            // Refusals written for operators (not applied yet, another run in progress) are one line, not a failure trace.
            throw error instanceof AppError ? new CliFailure(error.message) : error;
          },
        );
        io.out(
          options.json
            ? `${JSON.stringify(report, null, 2)}\n`
            : `${formatRotationReport(tenantLabel(tenant.deployment.name, tenant.cfgTenantName), report)}\n`,
        );
        if (report.status === "failed") throw new CliExitCode(EXIT_FAILURE);
      }),
    );
}
