import type { AgentIsolationResult, GaxTransaction, IsolationAgent, TenantIsolationReport, TenantRef } from "./bridge";
import { HYBRID_INTEGRATION_NAME } from "./desired-object";
import { GaxClient, type GaxClientOptions } from "./gax-client";

type Connection = Omit<GaxClientOptions, "username" | "password" | "passwordIsEncrypted"> & { passwordIsEncrypted: boolean };

/** Signs in as the agent with a fresh session and lists hybrid_integration as Workspace Desktop Edition would. */
async function tenantsVisibleTo(connection: Connection, agent: IsolationAgent, tenantNames: Map<string, string>): Promise<string[]> {
  const client = new GaxClient({
    ...connection,
    username: agent.username,
    password: agent.password,
    passwordIsEncrypted: agent.passwordIsEncrypted ?? connection.passwordIsEncrypted,
  });
  try {
    await client.signIn();
    const found = await client.request<GaxTransaction[]>("GET", "cfg/objects", { query: { type: "CfgTransaction", name: HYBRID_INTEGRATION_NAME, brief: "false" } });
    return found.map((object) => tenantNames.get(object.tenantdbid) ?? `tenant DBID ${object.tenantdbid}`);
  } finally {
    await client.signOut();
  }
}

function judge(agent: IsolationAgent, seesTenants: string[]): AgentIsolationResult {
  const base = { tenantName: agent.tenantName, username: agent.username, seesTenants };
  const others = seesTenants.filter((tenant) => tenant !== agent.tenantName);
  if (others.length > 0) return { ...base, ok: false, problem: `can read the ${HYBRID_INTEGRATION_NAME} of ${others.join(", ")}` };
  if (seesTenants.length === 0) return { ...base, ok: false, problem: `sees no ${HYBRID_INTEGRATION_NAME} (its own tenant's is missing or not readable)` };
  return { ...base, ok: true };
}

/** Passes when every agent sees exactly one hybrid_integration: its own tenant's. */
export async function checkTenantIsolation(connection: Connection, tenants: TenantRef[], agents: IsolationAgent[]): Promise<TenantIsolationReport> {
  const tenantNames = new Map(tenants.map((tenant) => [tenant.dbid, tenant.name]));
  const results = await Promise.all(
    agents.map(async (agent): Promise<AgentIsolationResult> => {
      try {
        return judge(agent, await tenantsVisibleTo(connection, agent, tenantNames));
      } catch (error) {
        return { tenantName: agent.tenantName, username: agent.username, ok: false, seesTenants: [], problem: `could not check: ${(error as Error).message}` };
      }
    }),
  );
  const leaks = results.flatMap((result) =>
    result.seesTenants
      .filter((tenant) => tenant !== result.tenantName)
      .map((objectTenant) => ({ objectTenant, visibleTo: { tenantName: result.tenantName, username: result.username } })),
  );
  const passed = agents.length > 0 && results.every((result) => result.ok);
  const summary = passed
    ? `Tenant isolation holds: each of ${results.length} agents sees only its own tenant's ${HYBRID_INTEGRATION_NAME}.`
    : `Tenant isolation fails: ${results
        .filter((result) => !result.ok)
        .map((result) => `${result.username} (${result.tenantName}) ${result.problem}`)
        .join("; ")}${agents.length === 0 ? "no agents were given" : ""}.`;
  return { passed, agents: results, leaks, summary };
}
