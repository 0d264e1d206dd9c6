import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { ENVIRONMENT_TENANT, type ConfigServerBridge, type GaxTenant } from "@/lib/config-server/bridge";
import type { GaxSettingsInput } from "@/lib/config-server/gax-settings";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Deployment } from "@/lib/generated/prisma/client";
import { assertOutboundUrl } from "@/lib/http/outbound-policy";
import { openSecret } from "@/lib/secrets/store";
import { deploymentBridge } from "../engine/connections";
import { describeFailure } from "../engine/failures";
import { gaxPasswordRef } from "../model/secret-refs";
import { TRANSACTION_OBJECT } from "../model/step-keys";

/** A registered tenant that GAX still lists: matched by the DBID its object was written to, else by name. */
export interface PresentTenant {
  tenantId: string;
  cfgTenantName: string;
  gax: GaxTenant;
  matchedBy: "dbid" | "name";
}

/** A registered tenant GAX does not list (deleted, renamed before anything was written, or unreadable to the user). */
export interface AbsentTenant {
  tenantId: string;
  cfgTenantName: string;
  /** The Configuration Server DBID its hybrid_integration was written to, when it was. */
  tenantDbid: string | null;
}

export interface TenantDiscovery {
  deployment: { id: string; name: string };
  gaxUsername: string;
  checkedAt: string;
  /** Tenants GAX lists that are not registered in this deployment, by name. */
  unregistered: GaxTenant[];
  present: PresentTenant[];
  absent: AbsentTenant[];
  /** Tenants GAX lists that are never registered: the shared Environment tenant of a multi-tenant server. */
  skipped: string[];
}

type Registered = { id: string; cfgTenantName: string; tenantDbid: string | null };

/** Each registered tenant with the DBID the transaction-object step recorded (outputs.tenantDbid), if any. */
async function registeredTenants(db: Db, deploymentId: string): Promise<Registered[]> {
  const tenants = await db.tenant.findMany({
    where: { deploymentId },
    orderBy: { cfgTenantName: "asc" },
    select: {
      id: true,
      cfgTenantName: true,
      stepStates: { where: { stepKey: TRANSACTION_OBJECT }, select: { outputs: true } },
    },
  });
  return tenants.map((tenant) => {
    const outputs = tenant.stepStates[0]?.outputs as { tenantDbid?: unknown } | undefined;
    const tenantDbid = typeof outputs?.tenantDbid === "string" ? outputs.tenantDbid : null;
    return { id: tenant.id, cfgTenantName: tenant.cfgTenantName, tenantDbid };
  });
}

/**
 * Compares what GAX lists with what is registered. A tenant that was written to is matched by its DBID first (so a
 * tenant renamed in Configuration Server is still found, under its new name); every other by its exact name.
 */
function compareTenants(listed: GaxTenant[], registered: Registered[]) {
  const claimed = new Set<string>();
  const present: PresentTenant[] = [];
  const absent: AbsentTenant[] = [];
  const byDbid = new Map(listed.map((tenant) => [tenant.dbid, tenant]));
  const byName = new Map(listed.map((tenant) => [tenant.name, tenant]));
  const withDbidFirst = [...registered].sort((a, b) => Number(b.tenantDbid !== null) - Number(a.tenantDbid !== null));
  for (const tenant of withDbidFirst) {
    const viaDbid = tenant.tenantDbid ? byDbid.get(tenant.tenantDbid) : undefined;
    const viaName = byName.get(tenant.cfgTenantName);
    const match = viaDbid ?? (viaName && !claimed.has(viaName.dbid) ? viaName : undefined);
    if (!match) {
      absent.push({ tenantId: tenant.id, cfgTenantName: tenant.cfgTenantName, tenantDbid: tenant.tenantDbid });
      continue;
    }
    claimed.add(match.dbid);
    present.push({
      tenantId: tenant.id,
      cfgTenantName: tenant.cfgTenantName,
      gax: match,
      matchedBy: viaDbid ? "dbid" : "name",
    });
  }
  const byRegisteredName = (a: { cfgTenantName: string }, b: { cfgTenantName: string }) =>
    a.cfgTenantName.localeCompare(b.cfgTenantName);
  const registeredNames = new Set(registered.map((tenant) => tenant.cfgTenantName));
  const candidates = listed.filter((tenant) => tenant.name !== ENVIRONMENT_TENANT);
  return {
    unregistered: candidates
      .filter((tenant) => !claimed.has(tenant.dbid) && !registeredNames.has(tenant.name))
      .sort((a, b) => a.name.localeCompare(b.name)),
    present: present.sort(byRegisteredName),
    absent: absent.sort(byRegisteredName),
    skipped: listed.filter((tenant) => tenant.name === ENVIRONMENT_TENANT).map((tenant) => tenant.name),
  };
}

export const SINGLE_TENANT_DISCOVERY_NOTE =
  "A single-tenant deployment has one Configuration Server tenant, Environment or Resources, and registers it as its " +
  "only tenant (Add tenant; Object tenant says which one it is). Discovery lists the customer tenants of a " +
  "multi-tenant deployment.";

async function multiTenantDeployment(db: Db, deploymentId: string): Promise<Deployment> {
  const deployment = await db.deployment.findUnique({ where: { id: deploymentId } });
  if (!deployment) throw new AppError("not_found", "This deployment no longer exists.");
  if (deployment.layout !== "multi-tenant") throw new AppError("invalid_input", SINGLE_TENANT_DISCOVERY_NOTE);
  return deployment;
}

/** What to do when GAX could not be asked, after describeFailure's account of what went wrong. */
function remedyFor(code: string): string {
  if (code.startsWith("gax.sign-in"))
    return "Fix the GAX user or password with Edit on the Deployments page (Test connection checks it), then discover again.";
  if (code === "gax.unreachable" || code === "unavailable")
    return "Check that GAX runs and that this server reaches it (Network page), then discover again.";
  return "Check the deployment's GAX settings with Test connection, then discover again.";
}

async function listGaxTenants(db: Db, deployment: Deployment, gax: Partial<GaxSettingsInput>): Promise<GaxTenant[]> {
  const password = await openSecret(db, gaxPasswordRef(deployment.id));
  if (!password) {
    throw new AppError(
      "precondition_failed",
      `The GAX password of deployment "${deployment.name}" is not stored; enter it again with Edit.`,
    );
  }
  let bridge: ConfigServerBridge | undefined;
  try {
    await assertOutboundUrl(deployment.gaxBaseUrl, "gaxBaseUrl");
    bridge = deploymentBridge(deployment, password, { timeoutMs: 10_000, ...gax });
    return await bridge.listTenants();
  } finally {
    await bridge?.close().catch(() => undefined);
  }
}

const target = (deployment: Deployment) => ({ type: "deployment" as const, id: deployment.id, label: deployment.name });

/**
 * Signs in to a multi-tenant deployment's GAX with its stored account, lists the Configuration Server tenants the
 * user may read and compares them with the deployment's registered tenants. Audited as `deployment.discover` with the
 * counts (or, when GAX could not be asked, the reason); a failure is an AppError that says what to do.
 */
export async function discoverTenants(
  db: Db,
  context: AuditContext,
  { deploymentId, gax }: { deploymentId: string; gax?: Partial<GaxSettingsInput> },
): Promise<TenantDiscovery> {
  const deployment = await multiTenantDeployment(db, deploymentId);
  let listed: GaxTenant[];
  try {
    listed = await listGaxTenants(db, deployment, gax ?? {});
  } catch (error) {
    const failure = describeFailure(error, "Listing the tenants in GAX", deployment.id);
    const message = `GAX of ${deployment.name} could not list its tenants: ${failure.message} ${remedyFor(failure.code)}`;
    await db.$transaction((tx) =>
      recordAuditEvent(tx, context, {
        event: {
          action: "deployment.discover",
          outcome: "failure",
          target: target(deployment),
          details: { problem: message },
        },
      }),
    );
    throw new AppError("unavailable", message);
  }
  const comparison = compareTenants(listed, await registeredTenants(db, deployment.id));
  const counts = {
    listed: listed.length,
    unregistered: comparison.unregistered.length,
    present: comparison.present.length,
    absent: comparison.absent.length,
  };
  const absentNames = comparison.absent.map((tenant) => tenant.cfgTenantName);
  await db.$transaction((tx) =>
    recordAuditEvent(tx, context, {
      event: {
        action: "deployment.discover",
        outcome: "success",
        target: target(deployment),
        details: { counts, ...(absentNames.length > 0 ? { absent: absentNames } : {}) },
      },
    }),
  );
  return {
    deployment: { id: deployment.id, name: deployment.name },
    gaxUsername: deployment.gaxUsername,
    checkedAt: new Date().toISOString(),
    ...comparison,
  };
}
