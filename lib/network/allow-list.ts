import { GENESYS_CLOUD_PORT, GENESYS_CLOUD_REGIONS, type GenesysCloudRegion } from "@/lib/genesys-cloud/regions";

export type GenesysCloudService = keyof GenesysCloudRegion["hosts"];

export type AllowListEntry = {
  regionId: string;
  regionLabel: string;
  service: GenesysCloudService;
  host: string;
  port: number;
  protocol: "TCP";
  direction: "outbound";
  purpose: string;
};

/** Why each host must be reachable, in the order operators meet them. */
export const servicePurposes: Record<GenesysCloudService, string> = {
  login: "OAuth token endpoint (client credentials and SAML2 bearer grants) and SAML sign-in at /saml",
  api: "Platform API under /api/v2: OAuth clients, roles, identity provider, organization",
  apps: "Web UI and the Predictive Engagement tracker script",
  streaming: "Notifications over secure WebSockets (WSS)",
};

const serviceOrder: GenesysCloudService[] = ["login", "api", "apps", "streaming"];

/** The outbound rules on-premises components need, for the given regions (all by default). */
export function networkAllowList(regions: readonly GenesysCloudRegion[] = GENESYS_CLOUD_REGIONS): AllowListEntry[] {
  return regions.flatMap((region) =>
    serviceOrder.map((service) => ({
      regionId: region.id,
      regionLabel: region.label,
      service,
      host: region.hosts[service],
      port: GENESYS_CLOUD_PORT,
      protocol: "TCP" as const,
      direction: "outbound" as const,
      purpose: servicePurposes[service],
    })),
  );
}

/** What the reachability probe tries for these rules: each host on its port. */
export function probeTargetsFor(entries: AllowListEntry[]): { host: string; port: number; label: string }[] {
  return entries.map((entry) => ({ host: entry.host, port: entry.port, label: `${entry.regionId} ${entry.service}` }));
}
