import { z } from "zod";
import { csvLines } from "@/lib/audit/csv";
import { GENESYS_CLOUD_REGIONS, type GenesysCloudRegion } from "@/lib/genesys-cloud/regions";
import { networkAllowList, type AllowListEntry } from "@/lib/network/allow-list";

const regionIds = GENESYS_CLOUD_REGIONS.map((region) => region.id) as [string, ...string[]];

const allowListQuerySchema = z.object({
  format: z.enum(["csv", "json"], "must be csv or json"),
  region: z.array(z.enum(regionIds, `must be a Genesys Cloud region id (${regionIds.join(", ")})`)).default([]),
});

type AllowListQuery = z.infer<typeof allowListQuerySchema>;

/** `?format=csv|json&region=eu-west-1&region=...`; no region means every region. */
export function parseAllowListQuery(params: URLSearchParams) {
  return allowListQuerySchema.safeParse({ format: params.get("format") ?? undefined, region: params.getAll("region") });
}

export function regionsFor(ids: string[]): GenesysCloudRegion[] {
  return ids.length === 0
    ? [...GENESYS_CLOUD_REGIONS]
    : GENESYS_CLOUD_REGIONS.filter((region) => ids.includes(region.id));
}

const csvHeader = ["region", "region_name", "service", "host", "port", "protocol", "direction", "purpose"];

export function allowListCsv(entries: AllowListEntry[]): string {
  return csvLines([
    csvHeader,
    ...entries.map((entry) => [
      entry.regionId,
      entry.regionLabel,
      entry.service,
      entry.host,
      entry.port,
      entry.protocol,
      entry.direction,
      entry.purpose,
    ]),
  ]);
}

export function allowListJson(entries: AllowListEntry[], generatedAt = new Date()): string {
  return `${JSON.stringify({ generatedAt: generatedAt.toISOString(), note: "Outbound only; nothing inbound is needed.", rules: entries }, null, 2)}\n`;
}

export function allowListExport(
  query: AllowListQuery,
  now = new Date(),
): { body: string; contentType: string; fileName: string } {
  const entries = networkAllowList(regionsFor(query.region));
  const suffix = query.region.length === 1 ? `-${query.region[0]}` : "";
  return query.format === "csv"
    ? {
        body: allowListCsv(entries),
        contentType: "text/csv; charset=utf-8",
        fileName: `genesys-cloud-allow-list${suffix}.csv`,
      }
    : {
        body: allowListJson(entries, now),
        contentType: "application/json; charset=utf-8",
        fileName: `genesys-cloud-allow-list${suffix}.json`,
      };
}
