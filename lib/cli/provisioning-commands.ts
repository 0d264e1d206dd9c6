import type { Command } from "commander";
import type { AuditContext } from "@/lib/audit/record";
import { engineSettings, parseEnv } from "@/lib/config/env";
import type { Db } from "@/lib/db/client";
import { runTenant, type RunReport, RunMode } from "@/lib/provisioning";
import { tenantLabel } from "@/lib/provisioning";
import { CliExitCode, EXIT_CHANGES } from "./errors";
import type { CliIo } from "./io";
import { withDb } from "./with-db";
import { operatorContext } from "./operator-account";
import { formatRunReport, planHasChanges, verifyFoundDrift } from "./run-report-format";
import { findTenantByName } from "./tenant-lookup";

type Common = { as?: string; json?: boolean; deployment?: string };

/** Runs the mode on each tenant in turn, printing each report (or all of them as JSON at the end). */
async function runFor(
  { db, io, options, audit }: { db: Db; io: CliIo; options: Common; audit: AuditContext },
  { mode, tenantIds, stepKey }: { mode: RunMode; tenantIds: { id: string; label: string }[]; stepKey?: string },
) {
  const reports: { tenant: string; report: RunReport }[] = [];
  for (const tenant of tenantIds) {
    const report = await runTenant(
      { tenantId: tenant.id, mode, stepKey },
      { db, audit, ...engineSettings(parseEnv()) },
    );
    reports.push({ tenant: tenant.label, report });
    if (!options.json) io.out(`${formatRunReport(tenant.label, report)}\n`);
  }
  if (options.json) io.out(`${JSON.stringify(reports, null, 2)}\n`);
  return reports.map((entry) => entry.report);
}

/** A tenant's step states in a few words: how many are done, and which fail or wait for input. */
function progressWords(steps: Record<string, string>): string {
  const keysWith = (status: string) => Object.keys(steps).filter((key) => steps[key] === status);
  const failed = keysWith("failed");
  const waiting = keysWith("needs-input");
  return [
    `steps done: ${keysWith("done").length}`,
    ...(failed.length ? [`failed: ${failed.join(", ")}`] : []),
    ...(waiting.length ? [`needs input: ${waiting.join(", ")}`] : []),
  ].join(", ");
}

const withCommon = (command: Command) =>
  command
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option("--deployment <name>", "the deployment, when the tenant name is not unique")
    .option("--json", "print the run reports as JSON");

/** Exit 1: a step failed, or an operator cancelled the run (from the dashboard) before it finished. */
const stoppedShort = (report: RunReport) => report.status === "failed" || report.status === "cancelled";

export function registerProvisioningCommands(program: Command, io: CliIo): void {
  program
    .command("tenants")
    .description("registered tenants")
    .command("list")
    .description("every tenant with its deployment, org and step progress")
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option("--json", "print JSON")
    .action((options: Common) =>
      withDb(async (db) => {
        await operatorContext(db, options.as, "tenant.read");
        const tenants = await db.tenant.findMany({
          orderBy: [{ deployment: { name: "asc" } }, { cfgTenantName: "asc" }],
          select: {
            cfgTenantName: true,
            orgShortName: true,
            region: true,
            apiBaseUrl: true,
            deployment: { select: { name: true } },
            stepStates: { select: { stepKey: true, status: true } },
          },
        });
        const rows = tenants.map((tenant) => ({
          deployment: tenant.deployment.name,
          tenant: tenant.cfgTenantName,
          org: tenant.orgShortName,
          region: tenant.region ?? tenant.apiBaseUrl,
          steps: Object.fromEntries(tenant.stepStates.map((state) => [state.stepKey, state.status])),
        }));
        if (options.json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
        else if (rows.length === 0) io.out("No tenants registered.\n");
        else {
          for (const row of rows) {
            const where = `org=${row.org ?? "(not connected)"}  ${row.region ?? ""}`;
            io.out(`${row.deployment} / ${row.tenant}  ${where}  ${progressWords(row.steps)}\n`);
          }
        }
      }),
    );

  withCommon(
    program
      .command("plan")
      .description("show what apply would change for a tenant, without changing anything (exit 3 when it would)"),
  )
    .requiredOption("--tenant <name>", "Configuration Server tenant name or org short name")
    .action((options: Common & { tenant: string }) =>
      withDb(async (db) => {
        const audit = await operatorContext(db, options.as, "tenant.read");
        const tenant = await findTenantByName(db, options.tenant, options.deployment);
        const [report] = await runFor(
          { db, io, options, audit },
          {
            mode: "plan",
            tenantIds: [{ id: tenant.id, label: tenantLabel(tenant.deployment.name, tenant.cfgTenantName) }],
          },
        );
        if (stoppedShort(report!)) throw new CliExitCode(1);
        if (planHasChanges(report!) || report!.status === "needs-input") throw new CliExitCode(EXIT_CHANGES);
      }),
    );

  const applyHelp = "provision a tenant (all steps, or one with --step); exit 3 when a step needs input";
  withCommon(program.command("apply").description(applyHelp))
    .requiredOption("--tenant <name>", "Configuration Server tenant name or org short name")
    .option("--step <key>", "apply only this step")
    .action((options: Common & { tenant: string; step?: string }) =>
      withDb(async (db) => {
        const audit = await operatorContext(db, options.as, "provisioning.run");
        const tenant = await findTenantByName(db, options.tenant, options.deployment);
        const [report] = await runFor(
          { db, io, options, audit },
          {
            mode: "apply",
            tenantIds: [{ id: tenant.id, label: tenantLabel(tenant.deployment.name, tenant.cfgTenantName) }],
            stepKey: options.step,
          },
        );
        if (stoppedShort(report!)) throw new CliExitCode(1);
        // Nothing failed, and a step waits for the operator's input: something is left to do, as with plan's changes.
        if (report!.status === "needs-input") throw new CliExitCode(EXIT_CHANGES);
      }),
    );

  withCommon(
    program
      .command("verify")
      .description("compare live state with what was provisioned (exit 3 on drift or missing objects)"),
  )
    .option("--tenant <name>", "Configuration Server tenant name or org short name")
    .option("--all", "every tenant")
    .action((options: Common & { tenant?: string; all?: boolean }, command: Command) =>
      withDb(async (db) => {
        if (Boolean(options.tenant) === Boolean(options.all))
          command.error("error: give either --tenant NAME or --all", { exitCode: 2, code: "usage" });
        const audit = await operatorContext(db, options.as, "provisioning.run");
        const targets = options.all
          ? (
              await db.tenant.findMany({
                select: { id: true, cfgTenantName: true, deployment: { select: { name: true } } },
                orderBy: { cfgTenantName: "asc" },
              })
            ).map((tenant) => ({ id: tenant.id, label: tenantLabel(tenant.deployment.name, tenant.cfgTenantName) }))
          : [await findTenantByName(db, options.tenant!, options.deployment)].map((tenant) => ({
              id: tenant.id,
              label: tenantLabel(tenant.deployment.name, tenant.cfgTenantName),
            }));
        const reports = await runFor({ db, io, options, audit }, { mode: "verify", tenantIds: targets });
        if (reports.some(stoppedShort)) throw new CliExitCode(1);
        const leftToDo = (report: RunReport) => verifyFoundDrift(report) || report.status === "needs-input";
        if (reports.some(leftToDo)) throw new CliExitCode(EXIT_CHANGES);
      }),
    );
}
