import type { DbTx } from "@/lib/db/client";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";

/** Which regions the network page shows, and why: the operator's choice, the registered tenants' regions, or all. */
export type RegionFilter = {
  regions: string[];
  source: "chosen" | "tenants" | "all";
  /** Set when the URL named something that is not a region; the default is shown instead. */
  error?: string;
};

const ALL = "all";
const knownIds = new Set(GENESYS_CLOUD_REGIONS.map((region) => region.id));
const inRegionOrder = (ids: Iterable<string>) => {
  const wanted = new Set(ids);
  return GENESYS_CLOUD_REGIONS.map((region) => region.id).filter((id) => wanted.has(id));
};

/** The distinct regions of registered tenants (tenants on explicit base URLs have none), in the regions' order. */
export async function registeredTenantRegions(db: DbTx): Promise<string[]> {
  const rows = await db.tenant.findMany({
    where: { region: { not: null } },
    distinct: ["region"],
    select: { region: true },
  });
  return inRegionOrder(rows.map((row) => row.region!));
}

/**
 * `?region=<id>` (repeatable) chooses regions, `?region=all` every one; without it, the regions of registered tenants,
 * or every region while no tenant has one.
 */
export function regionFilterOf(requested: string[], tenantRegions: string[]): RegionFilter {
  const fallback: RegionFilter =
    tenantRegions.length > 0
      ? { regions: tenantRegions, source: "tenants" }
      : { regions: inRegionOrder(knownIds), source: "all" };
  if (requested.length === 0) return fallback;
  if (requested.includes(ALL)) return { regions: inRegionOrder(knownIds), source: "all" };
  const unknown = requested.filter((id) => !knownIds.has(id));
  if (unknown.length > 0)
    return {
      ...fallback,
      error: `region: "${unknown[0]!.slice(0, 40)}" is not a Genesys Cloud region id; showing the default instead.`,
    };
  return { regions: inRegionOrder(requested), source: "chosen" };
}
