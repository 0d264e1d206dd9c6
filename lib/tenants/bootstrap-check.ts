import { createGenesysCloudClient, isGenesysCloudError, TokenCache } from "@/lib/genesys-cloud";
import { assertGenesysBaseUrls } from "@/lib/http/outbound-policy";
import type { GenesysCloudClient, GenesysCloudTarget } from "@/lib/genesys-cloud";
import { applicableStepRefs } from "@/lib/provisioning";
import { preflightBootstrapClient, type PreflightReport, TenantView } from "@/lib/provisioning";

type BootstrapCheck =
  { ok: true; orgId: string; orgName: string; orgShortName: string } | { ok: false; message: string };

interface BootstrapCheckInput {
  region?: string;
  loginBaseUrl?: string;
  apiBaseUrl?: string;
  bootstrapClientId: string;
  bootstrapClientSecret: string;
}

/** Explicit base URLs win over the region, as the engine does. */
function bootstrapTarget(input: BootstrapCheckInput): GenesysCloudTarget {
  if (input.loginBaseUrl && input.apiBaseUrl) return { loginBaseUrl: input.loginBaseUrl, apiBaseUrl: input.apiBaseUrl };
  return { region: input.region ?? "" };
}

/**
 * The bootstrap client for a check an operator waits for. A fresh token cache: a token of an earlier, correct secret
 * must not hide a wrong one. Few retries: the operator is waiting. Before anything is sent, the target must be one
 * this server may send credentials to: a region's hosts, or base URLs it allows.
 */
async function checkingClient(
  target: GenesysCloudTarget,
  credentials: { clientId: string; clientSecret: string },
  timeoutMs = 10_000,
): Promise<GenesysCloudClient> {
  if ("loginBaseUrl" in target) await assertGenesysBaseUrls(target);
  const retry = { maxAttempts: 2, timeoutMs, maxRetryAfterSeconds: 5 };
  return createGenesysCloudClient(target, credentials, { tokenCache: new TokenCache(), retry });
}

/** What an operator is told when signing in or reading fails for a reason they can fix; undefined for anything else. */
function checkFailure(error: unknown): string | undefined {
  if (isGenesysCloudError(error)) return error.operatorMessage;
  const field = /^(region|loginBaseUrl|apiBaseUrl|clientId|clientSecret):/;
  if (error instanceof Error && field.test(error.message)) return error.message;
  return undefined;
}

/**
 * Exchanges the bootstrap client for a token and reads the org, so an operator learns about a wrong secret or an
 * unreachable region before the tenant is saved.
 */
export async function checkBootstrapCredentials(
  input: BootstrapCheckInput,
  options: { timeoutMs?: number } = {},
): Promise<BootstrapCheck> {
  try {
    const genesys = await checkingClient(
      bootstrapTarget(input),
      { clientId: input.bootstrapClientId, clientSecret: input.bootstrapClientSecret },
      options.timeoutMs,
    );
    const org = await genesys.getOrganization();
    return { ok: true, orgId: org.id, orgName: org.name, orgShortName: org.thirdPartyOrgName };
  } catch (error) {
    const message = checkFailure(error);
    if (message !== undefined) return { ok: false, message };
    throw error;
  }
}

type BootstrapDiagnosis =
  | { checked: true; org: { id: string; name: string; shortName: string }; access: PreflightReport }
  | { checked: false; message: string };

/**
 * A registered tenant's bootstrap client as the connect step sees it, without a run: signs in, reads the org, and
 * lists what the steps that apply need and the client lacks (the connect step's preflight). Reads only.
 */
export async function diagnoseBootstrapClient(tenant: TenantView, clientSecret: string): Promise<BootstrapDiagnosis> {
  try {
    const genesys = await checkingClient(tenant.target, { clientId: tenant.bootstrapClientId, clientSecret });
    const org = await genesys.getOrganization();
    const access = await preflightBootstrapClient(genesys, tenant, applicableStepRefs(tenant));
    return { checked: true, org: { id: org.id, name: org.name, shortName: org.thirdPartyOrgName }, access };
  } catch (error) {
    const message = checkFailure(error);
    if (message !== undefined) return { checked: false, message };
    throw error;
  }
}
