import { z } from "zod";
import { GENESYS_CLOUD_REGIONS } from "@/lib/genesys-cloud/regions";
import { networkAllowList, probeTargetsFor } from "@/lib/network/allow-list";
import { regionsFor } from "@/lib/network/allow-list-export";
import { probeHosts, type ProbeOptions, type ProbeResult } from "@/lib/network/probe";

const regionIds = GENESYS_CLOUD_REGIONS.map((region) => region.id) as [string, ...string[]];

export const probeRequestSchema = z.object({
  regions: z
    .array(z.enum(regionIds, "must be a Genesys Cloud region id"))
    .min(1, "choose at least one region")
    .max(regionIds.length),
});

export type ProbeReport = { checkedAt: string; results: ProbeResult[] };

/** Probes every allow-listed host of the given regions from this server. */
export async function probeRegions(regions: string[], options?: ProbeOptions): Promise<ProbeReport> {
  const results = await probeHosts(probeTargetsFor(networkAllowList(regionsFor(regions))), options);
  return { checkedAt: new Date().toISOString(), results };
}
