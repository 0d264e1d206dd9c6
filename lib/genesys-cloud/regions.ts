// Genesys Cloud regions and their public hosts (shared/reference/genesys-cloud-api.md).
// Exported as plain data: the network page builds the outbound allow-list from it.

export interface GenesysCloudRegion {
  /** AWS region name, the id operators pick. */
  readonly id: string;
  readonly label: string;
  /** The region's domain D: every host is `<service>.D`. */
  readonly domain: string;
  readonly hosts: {
    /** OAuth token endpoint and SAML ACS (`/saml`). */
    readonly login: string;
    /** Platform API under `/api/v2`. */
    readonly api: string;
    /** Web UI and the Predictive Engagement tracker. */
    readonly apps: string;
    /** WSS notifications. */
    readonly streaming: string;
  };
}

const REGION_DOMAINS = [
  ["us-east-1", "US East (N. Virginia)", "mypurecloud.com"],
  ["us-east-2", "US East 2 (FedRAMP)", "use2.us-gov-pure.cloud"],
  ["us-west-2", "US West (Oregon)", "usw2.pure.cloud"],
  ["ca-central-1", "Canada (Central)", "cac1.pure.cloud"],
  ["sa-east-1", "South America (São Paulo)", "sae1.pure.cloud"],
  ["mx-central-1", "Mexico (Central)", "mxc1.pure.cloud"],
  ["eu-west-1", "EU (Ireland)", "mypurecloud.ie"],
  ["eu-west-2", "EU (London)", "euw2.pure.cloud"],
  ["eu-central-1", "EU (Frankfurt)", "mypurecloud.de"],
  ["eu-central-2", "EU (Zurich)", "euc2.pure.cloud"],
  ["eusc-de-east-1", "EU Sovereign Cloud (Germany)", "edee1.eusc-pure.cloud"],
  ["me-central-1", "Middle East (UAE)", "mec1.pure.cloud"],
  ["ap-south-1", "Asia Pacific (Mumbai)", "aps1.pure.cloud"],
  ["ap-northeast-1", "Asia Pacific (Tokyo)", "mypurecloud.jp"],
  ["ap-northeast-2", "Asia Pacific (Seoul)", "apne2.pure.cloud"],
  ["ap-northeast-3", "Asia Pacific (Osaka)", "apne3.pure.cloud"],
  ["ap-southeast-1", "Asia Pacific (Singapore)", "apse1.pure.cloud"],
  ["ap-southeast-2", "Asia Pacific (Sydney)", "mypurecloud.com.au"],
] as const;

export const GENESYS_CLOUD_REGIONS: readonly GenesysCloudRegion[] = REGION_DOMAINS.map(([id, label, domain]) => ({
  id,
  label,
  domain,
  hosts: { login: `login.${domain}`, api: `api.${domain}`, apps: `apps.${domain}`, streaming: `streaming.${domain}` },
}));

/** Every host must be reached on TCP 443 (HTTPS/WSS); nothing inbound. */
export const GENESYS_CLOUD_PORT = 443;

export function findRegion(id: string): GenesysCloudRegion | undefined {
  return GENESYS_CLOUD_REGIONS.find((region) => region.id === id);
}

export function findRegionByDomain(domain: string): GenesysCloudRegion | undefined {
  return GENESYS_CLOUD_REGIONS.find((region) => region.domain === domain.toLowerCase());
}

export interface GenesysCloudBaseUrls {
  loginBaseUrl: string;
  apiBaseUrl: string;
}

export function baseUrlsForRegion(id: string): GenesysCloudBaseUrls {
  const region = findRegion(id);
  if (!region) {
    const known = GENESYS_CLOUD_REGIONS.map((r) => r.id).join(", ");
    throw new Error(`region: unknown Genesys Cloud region "${id}" (known: ${known})`);
  }
  return { loginBaseUrl: `https://${region.hosts.login}`, apiBaseUrl: `https://${region.hosts.api}` };
}
