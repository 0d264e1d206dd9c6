// Test kit: both sandboxes over real HTTP, a deployment and a tenant in the test database, and engine options.
import { randomBytes, randomUUID } from "node:crypto";
import type { AuditContext } from "@/lib/audit/record";
import { OrgRateLimiter, TokenCache } from "@/lib/genesys-cloud";
import { defaultGenesysSeed, startGenesysCloudSandbox, type GenesysSandboxSeedInput } from "@/sandbox/genesys-cloud";
import { api, tokenFor } from "@/sandbox/genesys-cloud/test-support";
import type { GaxSandboxSeed } from "@/sandbox/gax";
import { SANDBOX_ADMIN, SANDBOX_AGENT_PASSWORD } from "@/sandbox/gax/default-seed";
import { rawGaxSession, startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { testDb } from "@/test/support/db";
import { createDeployment } from "./deployments";
import { sealSecret } from "@/lib/secrets/store";
import type { EngineOptions } from "./engine";
import { tenantSecretRef } from "./secret-refs";
import type { TenantSettingsInput } from "./settings";
import { ISOLATION_AGENT_PASSWORD, TENANT_ISOLATION, type IsolationAgentInput } from "./steps/tenant-isolation";
import { createTenant } from "./tenants";

export const testAudit: AuditContext = { actor: { id: "operator-1", email: "operator@example.test", role: "operator" }, clientAddress: "127.0.0.1", userAgent: "vitest" };

/** The default seed with fresh org ids, so tenants of different tests never claim the same org. */
function seedWithFreshOrgIds(): GenesysSandboxSeedInput {
  const seed = structuredClone(defaultGenesysSeed);
  for (const org of seed.orgs) {
    org.id = randomUUID();
    // A fresh org's employee role lacks the Predictive Engagement permissions (the procedure's step 7 adds them).
    const employee = org.roles.find((role) => role.defaultRoleId === "employee")!;
    employee.permissionPolicies = employee.permissionPolicies.filter((policy) => policy.domain !== "journey");
  }
  return seed;
}

export interface KitOptions {
  agentPacing?: boolean;
  predictiveEngagement?: boolean;
  settings?: TenantSettingsInput;
  /** The GAX sandbox seed (default: the built-in one). */
  gaxSeed?: GaxSandboxSeed;
  /** The sample agent entered for the isolation check (default acme.agent1); false enters none. */
  isolationAgent?: IsolationAgentInput | false;
  /** The engine's propagation window (default 2 s). */
  propagationWindowMs?: number;
}

export const ACME_AGENT: IsolationAgentInput = { username: "acme.agent1", password: SANDBOX_AGENT_PASSWORD };

/** acme-eu (region eu-west-1) in the Genesys Cloud sandbox, as tenant Acme of the GAX sandbox's multi-tenant deployment. */
export async function startProvisioningKit(options: KitOptions = {}) {
  const seed = seedWithFreshOrgIds();
  const acme = seed.orgs[0]!;
  const bootstrap = acme.oauthClients![0]!;
  const genesys = await startGenesysCloudSandbox({ port: 0, controlEndpoints: true, seed });
  const gax = await startTestSandbox(options.gaxSeed ? { seed: options.gaxSeed } : {});
  const db = testDb();
  const deployment = await createDeployment(db, testAudit, {
    name: `sandbox-${randomBytes(4).toString("hex")}`,
    layout: "multi-tenant",
    gaxBaseUrl: gax.sandbox.deploymentUrls.multi!,
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
  });
  const tenant = await createTenant(db, testAudit, {
    deploymentId: deployment.id,
    cfgTenantName: "Acme",
    region: "eu-west-1",
    loginBaseUrl: genesys.url,
    apiBaseUrl: genesys.url,
    bootstrapClientId: bootstrap.id,
    bootstrapClientSecret: bootstrap.secret,
    agentPacing: options.agentPacing ?? true,
    predictiveEngagement: options.predictiveEngagement ?? true,
    settings: options.settings,
  });
  const engine: EngineOptions = {
    db,
    audit: testAudit,
    // The sandbox applies changes at once unless a test sets a propagation delay; refusals are final after 2 s.
    propagationWindowMs: options.propagationWindowMs ?? 2_000,
    genesys: { tokenCache: new TokenCache(), limiter: new OrgRateLimiter({ ratePerMinute: 60_000, burst: 50, maxConcurrency: 8 }), retry: { baseDelayMs: 5, maxDelayMs: 40 } },
  };
  const bootstrapCredentials = { clientId: bootstrap.id, clientSecret: bootstrap.secret };
  const isolationAgent = options.isolationAgent ?? ACME_AGENT;
  // Stored as manual completion would store it, without a run, so tests that count runs see only their own.
  if (isolationAgent) {
    await sealSecret(db, tenantSecretRef(tenant.id, ISOLATION_AGENT_PASSWORD), isolationAgent.password);
    const outputs = { agentUsername: isolationAgent.username, passwordIsEncrypted: isolationAgent.passwordIsEncrypted ?? false };
    await db.stepState.create({ data: { tenantId: tenant.id, stepKey: TENANT_ISOLATION, status: "done", manual: true, outputs } });
  }

  return {
    db,
    deployment,
    tenant,
    engine,
    genesys,
    gax,
    orgId: acme.id,
    orgShortName: acme.thirdPartyOrgName,
    /** The Genesys Cloud sandbox org as the control endpoint shows it (secrets left out). */
    async genesysOrg() {
      const state = (await (await fetch(`${genesys.url}/__sandbox/state`)).json()) as { orgs: GenesysOrgState[]; requests: { method: string; path: string }[] };
      return state.orgs.find((org) => org.id === acme.id)!;
    },
    /** Every request the Genesys Cloud sandbox answered (token requests included), oldest first. */
    async genesysRequests() {
      type Request = { method: string; path: string; status: number | string };
      const state = (await (await fetch(`${genesys.url}/__sandbox/state`)).json()) as { requests: Request[] };
      return state.requests;
    },
    /** Requests that could change the Genesys Cloud org (token requests excluded). */
    async genesysWrites() {
      const state = (await (await fetch(`${genesys.url}/__sandbox/state`)).json()) as { requests: { method: string; path: string }[] };
      return state.requests.filter((request) => request.method !== "GET" && request.path.startsWith("/api/"));
    },
    /** Calls the Genesys Cloud sandbox API as the bootstrap client, e.g. to introduce drift. */
    async genesysApi(method: string, path: string, body?: unknown) {
      return api(genesys.url, await tokenFor(genesys.url, bootstrapCredentials), method, path, body);
    },
    async hybridIntegration() {
      const transactions = (await gax.control.objects("multi", "CfgTransaction")) as GaxTransactionState[];
      const tenants = (await gax.control.objects("multi", "CfgTenant")) as { dbid: string; name: string }[];
      const acmeTenant = tenants.find((t) => t.name === "Acme")!;
      return transactions.filter((t) => t.name === "hybrid_integration" && t.tenantdbid === acmeTenant.dbid);
    },
    gaxAdminSession: () => rawGaxSession(gax.sandbox.deploymentUrls.multi!, SANDBOX_ADMIN.username, SANDBOX_ADMIN.password),
    async close() {
      await Promise.all([genesys.close(), gax.sandbox.close()]);
    },
  };
}

export type ProvisioningKit = Awaited<ReturnType<typeof startProvisioningKit>>;

export interface GenesysOrgState {
  id: string;
  thirdPartyOrgName: string;
  divisions: { id: string; name: string; homeDivision: boolean }[];
  roles: { id: string; name: string; defaultRoleId?: string; permissionPolicies: { domain: string; entityName: string; actionSet: string[] }[] }[];
  users: { id: string; email: string; grants: { roleId: string }[] }[];
  oauthClients: { id: string; name: string; description: string; authorizedGrantType: string; accessTokenValiditySeconds: number; roleDivisions: { roleId: string; divisionId: string }[]; scope: string[]; registeredRedirectUri: string[]; state: string }[];
  pureEngage: { id: string; name: string; issuerURI: string; ssoTargetURI: string; certificate: string; certificates: string[]; autoProvisionUsers: boolean; disabled: boolean } | null;
}

export interface GaxTransactionState {
  dbid: string;
  name: string;
  tenantdbid: string;
  state: string;
  userproperties: { property: { section: string; key: string; value: string }[] };
  [attribute: string]: unknown;
}

export const optionOf = (transaction: GaxTransactionState, section: string, key: string) =>
  transaction.userproperties.property.find((property) => property.section === section && property.key === key)?.value;
