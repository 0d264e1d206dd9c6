import type PgBoss from "pg-boss";
import type { AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { applyFleet } from "./apply-fleet";
import { planFleet, type FleetChange } from "./fleet-plan";
import type { SecretLookup } from "./secret-source";
import { validateFleet } from "./validate-fleet";

export interface FleetImportOutcome {
  changes: FleetChange[];
  unchanged: number;
  applied: boolean;
}

export interface FleetImportRequest {
  text: string;
  lookup: SecretLookup;
  dryRun: boolean;
  /** Who imports, once the plan says what the import touches (deployments need more than tenants). */
  authorize(touches: { deployments: boolean }): Promise<AuditContext>;
  /** The queue for the key preparation of new tenants; opened only when the import creates some. */
  openQueue?: () => Promise<PgBoss>;
}

/**
 * Imports a fleet file: every problem first (FleetInvalidError, nothing written), then what differs from the
 * registered fleet, created and updated in one transaction. A dry run only says what would change.
 */
export async function importFleet(db: Db, request: FleetImportRequest): Promise<FleetImportOutcome> {
  const deployments = await validateFleet(db, { text: request.text, lookup: request.lookup });
  const plan = await planFleet(db, deployments);
  const audit = await request.authorize({ deployments: plan.deployments.length > 0 });
  const outcome = { changes: plan.changes, unchanged: plan.unchanged };
  if (request.dryRun || plan.changes.length === 0) return { ...outcome, applied: false };
  const createsTenants = plan.tenants.some((step) => !step.before);
  const boss = createsTenants && request.openQueue ? await request.openQueue() : undefined;
  await applyFleet(db, audit, { plan, boss });
  return { ...outcome, applied: true };
}
