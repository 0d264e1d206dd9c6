import { createGenesysCloudClient, isGenesysCloudError, TokenCache, type GenesysCloudTarget } from "@/lib/genesys-cloud";

export type BootstrapCheck = { ok: true; orgName: string; orgShortName: string } | { ok: false; message: string };

export interface BootstrapCheckInput {
  region?: string;
  loginBaseUrl?: string;
  apiBaseUrl?: string;
  bootstrapClientId: string;
  bootstrapClientSecret: string;
}

/** Explicit base URLs win over the region, as the engine does. */
export function bootstrapTarget(input: BootstrapCheckInput): GenesysCloudTarget {
  if (input.loginBaseUrl && input.apiBaseUrl) return { loginBaseUrl: input.loginBaseUrl, apiBaseUrl: input.apiBaseUrl };
  return { region: input.region ?? "" };
}

/**
 * Exchanges the bootstrap client for a token and reads the org, so an operator learns about a wrong secret or an
 * unreachable region before the tenant is saved. A fresh token cache: a token of an earlier, correct secret must not
 * hide a wrong one. Few retries: the operator is waiting.
 */
export async function checkBootstrapCredentials(input: BootstrapCheckInput): Promise<BootstrapCheck> {
  try {
    const client = createGenesysCloudClient(
      bootstrapTarget(input),
      { clientId: input.bootstrapClientId, clientSecret: input.bootstrapClientSecret },
      { tokenCache: new TokenCache(), retry: { maxAttempts: 2, timeoutMs: 10_000, maxRetryAfterSeconds: 5 } },
    );
    const org = await client.getOrganization();
    return { ok: true, orgName: org.name, orgShortName: org.thirdPartyOrgName };
  } catch (error) {
    if (isGenesysCloudError(error)) return { ok: false, message: error.operatorMessage };
    if (error instanceof Error && /^(region|loginBaseUrl|apiBaseUrl|clientId|clientSecret):/.test(error.message)) return { ok: false, message: error.message };
    throw error;
  }
}
