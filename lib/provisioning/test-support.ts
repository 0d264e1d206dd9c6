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
import { catalogue, type AnyStep } from "./catalogue";
import { createDeployment } from "./registration/deployments";
import { sealSecret } from "@/lib/secrets/store";
import type { EngineOptions, RunReport, StepReport } from "./engine/engine";
import type { ObjectTenantChoice } from "./model/object-tenant";
import { detectObjectTenant } from "./registration/object-tenant-setting";
import { tenantSecretRef } from "./model/secret-refs";
import type { ServiceKey } from "./model/services";
import type { TenantSettingsInput } from "./model/settings";
import type { Step } from "./model/step";
import { ISOLATION_AGENT_PASSWORD, type IsolationAgentInput } from "./steps/tenant-isolation";
import { createTenant } from "./registration/tenants";
import { TENANT_ISOLATION } from "./model/step-keys";
import { loadTenantView } from "./model/tenant-view";
import { applicableStepRefs } from "./catalogue";
import type { DbTx } from "@/lib/db/client";

export const testAudit: AuditContext = {
  actor: { id: "operator-1", email: "operator@example.test", role: "operator" },
  clientAddress: "127.0.0.1",
  userAgent: "vitest",
};

/** The default seed with fresh org ids, so tenants of different tests never claim the same org. */
function seedWithFreshOrgIds(): GenesysSandboxSeedInput {
  const seed: GenesysSandboxSeedInput = structuredClone(defaultGenesysSeed);
  for (const org of seed.orgs) {
    org.id = randomUUID();
    // A fresh org's employee role lacks the Predictive Engagement permissions (the procedure's step 7 adds them).
    const employee = org.roles!.find((role) => role.defaultRoleId === "employee")!;
    employee.permissionPolicies = employee.permissionPolicies!.filter((policy) => policy.domain !== "journey");
  }
  return seed;
}

export interface KitOptions {
  /** Service keys (lib/provisioning/model/services.ts); default: Predictive Engagement and the Agent Pacing Service. */
  services?: ServiceKey[];
  settings?: TenantSettingsInput;
  /** The GAX sandbox seed (default: the built-in one). */
  gaxSeed?: GaxSandboxSeed;
  /** The sample agent entered for the isolation check (default acme.agent1; none in a single-tenant deployment). */
  isolationAgent?: IsolationAgentInput | false;
  /**
   * A single-tenant deployment instead of Acme in "multi": the GAX sandbox deployment it points at (e.g.
   * "single-resources") and its object-tenant setting (default detect, detected as the deployment is registered).
   */
  singleTenant?: { gaxDeployment: string; objectTenant?: ObjectTenantChoice };
  /** Changes the tenant's Genesys Cloud org (acme-eu) in the sandbox seed, e.g. more users or other role policies. */
  editGenesysOrg?: (org: GenesysSandboxSeedInput["orgs"][number]) => void;
  /** The engine's propagation window (default 2 s). */
  propagationWindowMs?: number;
}

export const ACME_AGENT: IsolationAgentInput = { username: "acme.agent1", password: SANDBOX_AGENT_PASSWORD };

/**
 * acme-eu (region eu-west-1) in the Genesys Cloud sandbox, as tenant Acme of the GAX sandbox's multi-tenant deployment,
 * or as the one tenant of a single-tenant deployment (`singleTenant`).
 */
export async function startProvisioningKit(options: KitOptions = {}) {
  const seed = seedWithFreshOrgIds();
  const acme = seed.orgs[0]!;
  options.editGenesysOrg?.(acme);
  const bootstrap = acme.oauthClients![0]!;
  const genesys = await startGenesysCloudSandbox({ port: 0, controlEndpoints: true, seed });
  const gax = await startTestSandbox(options.gaxSeed ? { seed: options.gaxSeed } : {});
  const db = testDb();
  const single = options.singleTenant;
  const gaxDeployment = single?.gaxDeployment ?? "multi";
  const gaxUrl = gax.sandbox.deploymentUrls[gaxDeployment]!;
  const deployment = await createDeployment(db, testAudit, {
    name: `sandbox-${randomBytes(4).toString("hex")}`,
    layout: single ? "single-tenant" : "multi-tenant",
    gaxBaseUrl: gaxUrl,
    gaxUsername: SANDBOX_ADMIN.username,
    gaxPassword: SANDBOX_ADMIN.password,
    ...(single ? { objectTenant: single.objectTenant ?? "detect" } : {}),
  });
  if (single) await detectObjectTenant(db, testAudit, { deploymentId: deployment.id });
  const tenant = await createTenant(db, testAudit, {
    deploymentId: deployment.id,
    cfgTenantName: single ? undefined : "Acme",
    region: "eu-west-1",
    loginBaseUrl: genesys.url,
    apiBaseUrl: genesys.url,
    bootstrapClientId: bootstrap.id,
    bootstrapClientSecret: bootstrap.secret,
    services: options.services ?? ["predictive-engagement", "agent-pacing"],
    settings: options.settings,
  });
  const engine: EngineOptions = {
    db,
    audit: testAudit,
    // The sandbox applies changes at once unless a test sets a propagation delay; refusals are final after 2 s.
    propagationWindowMs: options.propagationWindowMs ?? 2_000,
    genesys: {
      tokenCache: new TokenCache(),
      limiter: new OrgRateLimiter({ allowedPerWindow: 60_000, maxConcurrency: 8 }),
      retry: { baseDelayMs: 5, maxDelayMs: 40 },
    },
  };
  const bootstrapCredentials = { clientId: bootstrap.id, clientSecret: bootstrap.secret };
  const isolationAgent = options.isolationAgent ?? (single ? false : ACME_AGENT);
  // Stored as manual completion would store it, without a run, so tests that count runs see only their own.
  if (isolationAgent) {
    await sealSecret(db, { ref: tenantSecretRef(tenant.id, ISOLATION_AGENT_PASSWORD), value: isolationAgent.password });
    const outputs = {
      agentUsername: isolationAgent.username,
      passwordIsEncrypted: isolationAgent.passwordIsEncrypted ?? false,
    };
    await db.stepState.create({
      data: { tenantId: tenant.id, stepKey: TENANT_ISOLATION, status: "done", manual: true, outputs },
    });
  }

  /** Every request the Genesys Cloud sandbox answered (token requests included), oldest first. */
  async function genesysRequests() {
    type Request = { at: string; method: string; path: string; status: number | string };
    const state = (await (await fetch(`${genesys.url}/__sandbox/state`)).json()) as { requests: Request[] };
    return state.requests;
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
      const state = (await (await fetch(`${genesys.url}/__sandbox/state`)).json()) as {
        orgs: GenesysOrgState[];
        requests: { method: string; path: string }[];
      };
      return state.orgs.find((org) => org.id === acme.id)!;
    },
    genesysRequests,
    /** Requests that could change the Genesys Cloud org (token requests and searches, which POST a query, excluded). */
    async genesysWrites() {
      const state = (await (await fetch(`${genesys.url}/__sandbox/state`)).json()) as {
        requests: { method: string; path: string }[];
      };
      const isWrite = (request: { method: string; path: string }) =>
        request.method !== "GET" && !request.path.endsWith("/search");
      return state.requests.filter((request) => isWrite(request) && request.path.startsWith("/api/"));
    },
    /** Platform API requests the sandbox answered from `since` on (token requests excluded). */
    async genesysRequestsSince(since: Date) {
      const requests = await genesysRequests();
      return requests.filter((request) => new Date(request.at) >= since && request.path.startsWith("/api/"));
    },
    /** Calls the Genesys Cloud sandbox API as the bootstrap client, e.g. to introduce drift. */
    async genesysApi(method: string, path: string, body?: unknown) {
      return api(genesys.url, await tokenFor(genesys.url, bootstrapCredentials), { method, path, body });
    },
    /** hybrid_integration in the GAX tenant the tenant is registered as (Acme, or the single tenant). */
    async hybridIntegration() {
      const transactions = (await gax.control.objects(gaxDeployment, "CfgTransaction")) as GaxTransactionState[];
      const tenants = (await gax.control.objects(gaxDeployment, "CfgTenant")) as { dbid: string; name: string }[];
      const own = tenants.find((t) => t.name === tenant.cfgTenantName)!;
      return transactions.filter((t) => t.name === "hybrid_integration" && t.tenantdbid === own.dbid);
    },
    gaxAdminSession: () => rawGaxSession(gaxUrl, SANDBOX_ADMIN),
    async close() {
      await Promise.all([genesys.close(), gax.sandbox.close()]);
    },
  };
}

export type ProvisioningKit = Awaited<ReturnType<typeof startProvisioningKit>>;

interface GenesysOrgState {
  id: string;
  thirdPartyOrgName: string;
  divisions: { id: string; name: string; homeDivision: boolean }[];
  roles: {
    id: string;
    name: string;
    defaultRoleId?: string;
    permissionPolicies: { domain: string; entityName: string; actionSet: string[] }[];
  }[];
  users: { id: string; email: string; grants: { roleId: string }[] }[];
  oauthClients: {
    id: string;
    name: string;
    description: string;
    authorizedGrantType: string;
    accessTokenValiditySeconds: number;
    roleDivisions: { roleId: string; divisionId: string }[];
    scope: string[];
    registeredRedirectUri: string[];
    state: string;
  }[];
  pureEngage: {
    id: string;
    name: string;
    issuerURI: string;
    ssoTargetURI: string;
    certificate: string;
    certificates: string[];
    autoProvisionUsers: boolean;
    disabled: boolean;
  } | null;
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

/**
 * Gives a catalogue step side effects for one test (the real statements are each step's own); call the returned
 * function to take them back.
 */
type SideEffects = NonNullable<Step["sideEffects"]>;
export function giveSideEffects(step: { sideEffects?: SideEffects }, sideEffects: SideEffects): () => void {
  const original = step.sideEffects;
  step.sideEffects = sideEffects;
  return () => {
    step.sideEffects = original;
  };
}

/** How many steps of the catalogue apply to the tenant, so a test never spells out a count the catalogue implies. */
export async function applicableStepCount(db: DbTx, tenantId: string): Promise<number> {
  return applicableStepRefs(await loadTenantView(db, tenantId)).length;
}

/** The report of one step in a run's report; fails the test, naming the step, when the run did not report it. */
export function stepReport(report: RunReport, stepKey: string): StepReport {
  const found = report.steps.find((step) => step.stepKey === stepKey);
  if (!found) throw new Error(`the run reported no step "${stepKey}"`);
  return found;
}

/** Keys of the steps that exist for a service the tenant does not use (their `when` names that service). */
export function stepsOfUnusedServices(services: readonly string[]): string[] {
  const servicesOf = (step: AnyStep) =>
    [step.when ?? []].flat().flatMap((condition) => ("service" in condition ? [condition.service] : []));
  return catalogue
    .filter((step) => servicesOf(step).some((service) => !services.includes(service)))
    .map((step) => step.key);
}

/**
 * A run's steps without those of services the tenant does not use, after checking that each was skipped: the step
 * lists the engine tests spell out then stay true when a service is added to the list (model/services.ts).
 */
export function withoutUnusedServiceSteps<S extends { stepKey: string; status: string }>(
  steps: readonly S[],
  services: readonly string[],
): S[] {
  const unused = stepsOfUnusedServices(services);
  const ran = steps.filter((step) => unused.includes(step.stepKey) && step.status !== "skipped");
  if (ran.length > 0)
    throw new Error(
      `Steps of services the tenant does not use were not skipped: ${ran.map((step) => `${step.stepKey} (${step.status})`).join(", ")}`,
    );
  return steps.filter((step) => !unused.includes(step.stepKey));
}
