import type { DbTx } from "@/lib/db/client";

export interface DeploymentRow {
  id: string;
  name: string;
  layout: string;
  gaxBaseUrl: string;
  gaxUsername: string;
  notes: string;
  tenantCount: number;
}

/** Every deployment with how many tenants it has, by name. No secrets. */
export async function listDeployments(db: DbTx): Promise<DeploymentRow[]> {
  const rows = await db.deployment.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, layout: true, gaxBaseUrl: true, gaxUsername: true, notes: true, _count: { select: { tenants: true } } },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, tenantCount: _count.tenants }));
}
