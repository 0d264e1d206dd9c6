import type { DbTx } from "@/lib/db/client";

const tenantChoiceLimit = 500;

/** Tenants to offer in the audit log's tenant filter, by name. */
export async function tenantChoices(db: DbTx): Promise<{ id: string; label: string }[]> {
  const tenants = await db.tenant.findMany({
    select: { id: true, cfgTenantName: true, deployment: { select: { name: true } } },
    orderBy: [{ cfgTenantName: "asc" }, { id: "asc" }],
    take: tenantChoiceLimit,
  });
  return tenants.map((tenant) => ({ id: tenant.id, label: `${tenant.cfgTenantName} · ${tenant.deployment.name}` }));
}

/** The most recent label recorded for a target, to name it in the active filter. */
export async function latestTargetLabel(db: DbTx, targetType: string, targetId: string): Promise<string | undefined> {
  const row = await db.auditEvent.findFirst({
    where: { targetType, targetId, targetLabel: { not: null } },
    orderBy: { seq: "desc" },
    select: { targetLabel: true },
  });
  return row?.targetLabel ?? undefined;
}
