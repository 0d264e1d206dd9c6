import type { DbTx } from "@/lib/db/client";
import { objectTenantWarning, resolveObjectTenant } from "@/lib/provisioning";

/** Single-tenant: where hybrid_integration goes, by the operator's choice or detection, and what detection said. */
export interface DeploymentObjectTenant {
  /** detect, Environment or Resources. */
  choice: string;
  /** The tenant that holds the object, or null when it is not known. */
  name: string | null;
  source: "chosen" | "detected" | null;
  /** Why the tenant is not known (both or neither found, GAX failing, not detected yet). */
  problem: string | null;
  /** What detection says against the choice. */
  warning: string | null;
  checkedAt: string | null;
}

/** The last sign-in to the deployment's GAX: whether it was accepted, what GAX said, when. */
export interface DeploymentHealth {
  ok: boolean | null;
  message: string | null;
  checkedAt: string | null;
}

export interface DeploymentRow {
  id: string;
  name: string;
  layout: string;
  gaxBaseUrl: string;
  gaxUsername: string;
  gaxPasswordEncrypted: boolean;
  annexSection: string;
  notes: string;
  health: DeploymentHealth;
  tenantCount: number;
  /** Null for a multi-tenant deployment: each tenant holds its own object. */
  objectTenant: DeploymentObjectTenant | null;
}

const objectTenantFields = {
  objectTenant: true,
  detectedObjectTenant: true,
  objectTenantProblem: true,
  objectTenantCheckedAt: true,
} as const;

type ObjectTenantColumns = Parameters<typeof resolveObjectTenant>[0];

function objectTenantOf(fields: ObjectTenantColumns): DeploymentObjectTenant {
  const resolved = resolveObjectTenant(fields);
  return {
    choice: fields.objectTenant,
    name: resolved.name,
    source: resolved.name ? resolved.source : null,
    problem: resolved.name ? null : resolved.problem,
    warning: objectTenantWarning(fields),
    checkedAt: fields.objectTenantCheckedAt?.toISOString() ?? null,
  };
}

/** Every deployment with how many tenants it has, by name. No secrets. */
export async function listDeployments(db: DbTx): Promise<DeploymentRow[]> {
  const rows = await db.deployment.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      layout: true,
      gaxBaseUrl: true,
      gaxUsername: true,
      gaxPasswordEncrypted: true,
      annexSection: true,
      notes: true,
      connectionOk: true,
      connectionMessage: true,
      connectionCheckedAt: true,
      ...objectTenantFields,
      _count: { select: { tenants: true } },
    },
  });
  return rows.map((fields) => ({
    id: fields.id,
    name: fields.name,
    layout: fields.layout,
    gaxBaseUrl: fields.gaxBaseUrl,
    gaxUsername: fields.gaxUsername,
    gaxPasswordEncrypted: fields.gaxPasswordEncrypted,
    annexSection: fields.annexSection,
    notes: fields.notes,
    health: {
      ok: fields.connectionOk,
      message: fields.connectionMessage,
      checkedAt: fields.connectionCheckedAt?.toISOString() ?? null,
    },
    tenantCount: fields._count.tenants,
    objectTenant: fields.layout === "single-tenant" ? objectTenantOf(fields) : null,
  }));
}

/** The deployment's name, layout and GAX URL (the discovery page's heading), or null when there is none. */
export function findDeploymentHeading(db: DbTx, id: string) {
  return db.deployment.findUnique({ where: { id }, select: { id: true, name: true, layout: true, gaxBaseUrl: true } });
}
