import type { Command } from "commander";
import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { prepareSamlKey, SAML_KEY_MATERIAL, tenantLabel } from "@/lib/provisioning";
import type { CliIo } from "./io";
import { operatorContext } from "./operator-account";
import { findTenantByName } from "./tenant-lookup";
import { withDb } from "./with-db";

type PrepareOptions = { tenant?: string; all?: boolean; as?: string; deployment?: string; json?: boolean };
type Prepared = { tenant: string; outcome: "prepared" | "not-needed" };

/** Tenants without key material (in one deployment, when named): the ones a prepared key can still help. */
async function tenantsWithoutKeyMaterial(db: Db, deploymentName?: string) {
  return db.tenant.findMany({
    where: {
      stepStates: { none: { stepKey: SAML_KEY_MATERIAL, status: "done" } },
      ...(deploymentName ? { deployment: { name: deploymentName } } : {}),
    },
    orderBy: [{ deployment: { name: "asc" } }, { cfgTenantName: "asc" }],
    select: { id: true, cfgTenantName: true, deployment: { select: { name: true } } },
  });
}

/** Prepares keys a few at a time: key generation runs on Node's thread pool, one core per key. */
async function prepareAll(
  db: Db,
  audit: AuditContext,
  tenants: { id: string; cfgTenantName: string; deployment: { name: string } }[],
): Promise<Prepared[]> {
  const limit = pLimit(Math.max(1, availableParallelism()));
  const results = await Promise.all(
    tenants.map((tenant) =>
      limit(async (): Promise<Prepared> => ({
        tenant: tenantLabel(tenant.deployment.name, tenant.cfgTenantName),
        outcome: await prepareSamlKey(db, audit, tenant.id),
      })),
    ),
  );
  return results.sort((a, b) => a.tenant.localeCompare(b.tenant));
}

export function registerKeyPreparationCommands(program: Command, io: CliIo): void {
  program
    .command("prepare-keys")
    .description("generate and seal the SAML signing key of tenants without key material, ahead of a (bulk) apply")
    .option("--tenant <name>", "one tenant: Configuration Server tenant name or org short name")
    .option("--all", "every tenant without key material (in --deployment, when given)")
    .option("--as <email>", "the dashboard account to act as (default: HP_CLI_USER)")
    .option(
      "--deployment <name>",
      "the deployment: of --tenant, when its name is not unique; of --all, to prepare only there",
    )
    .option("--json", "print the outcome per tenant as JSON")
    .action((options: PrepareOptions, command: Command) => {
      if (Boolean(options.tenant) === Boolean(options.all))
        command.error("error: give either --tenant NAME or --all", { exitCode: 2, code: "usage" });
      return withDb(async (db) => {
        const audit = await operatorContext(db, options.as, "tenant.manage");
        const tenants = options.tenant
          ? [await findTenantByName(db, options.tenant, options.deployment)]
          : await tenantsWithoutKeyMaterial(db, options.deployment);
        const results = await prepareAll(db, audit, tenants);
        if (options.json) {
          io.out(`${JSON.stringify(results, null, 2)}\n`);
          return;
        }
        const prepared = results.filter((result) => result.outcome === "prepared").length;
        io.out(
          `prepare-keys: ${prepared} prepared, ${results.length - prepared} not needed (key material done, or a key already prepared)\n`,
        );
        for (const result of results) io.out(`  ${result.outcome === "prepared" ? "✓" : "·"} ${result.tenant}\n`);
      });
    });
}
