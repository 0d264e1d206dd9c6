import type { AgentIsolationResult, GaxTransaction, IsolationAgent, TenantIsolationReport, TenantRef } from "./bridge";
import { HYBRID_INTEGRATION_NAME } from "./desired-object";
import { ConfigServerError } from "./errors";
import { GaxClient, type GaxClientOptions } from "./gax-client";
import { findGaxApplicationNames, findPersonTenantDbid, listTenants } from "./gax-lookups";

type Connection = Omit<GaxClientOptions, "username" | "password" | "passwordIsEncrypted"> & {
  passwordIsEncrypted: boolean;
};

interface Observation {
  /** The tenant of the agent's own Person (read by the agent itself, else by the bridge's user). */
  personTenantDbid: string | undefined;
  /** Tenants of the hybrid_integration objects the agent can read. */
  seesTenantDbids: string[];
}

/**
 * Signs in as the agent with a fresh session, reads its own Person (GAX admits only users who may) and lists
 * hybrid_integration as Workspace Desktop Edition would.
 */
async function observe(admin: GaxClient, connection: Connection, agent: IsolationAgent): Promise<Observation> {
  const client = new GaxClient({
    ...connection,
    username: agent.username,
    password: agent.password,
    passwordIsEncrypted: agent.passwordIsEncrypted ?? connection.passwordIsEncrypted,
  });
  try {
    await client.signIn();
    const personTenantDbid =
      (await findPersonTenantDbid(client, agent.username)) ?? (await findPersonTenantDbid(admin, agent.username));
    const query = { type: "CfgTransaction", name: HYBRID_INTEGRATION_NAME, brief: "false" };
    const found = await client.request<GaxTransaction[]>("GET", "cfg/objects", { query });
    const hybridIntegrations = found.filter((object) => object.name === HYBRID_INTEGRATION_NAME);
    return { personTenantDbid, seesTenantDbids: hybridIntegrations.map((object) => object.tenantdbid) };
  } finally {
    await client.signOut();
  }
}

/** Which object to grant on: the GAX application object(s) the bridge's user can see. */
async function grantAdvice(admin: GaxClient, username: string): Promise<string> {
  const names = await findGaxApplicationNames(admin).catch(() => []);
  const quoted = names.map((name) => `'${name}'`);
  const object =
    quoted.length === 1
      ? `the application object ${quoted[0]}`
      : quoted.length > 1
        ? `the application object this GAX runs as (one of ${quoted.join(", ")})`
        : "GAX's application object";
  return (
    `Grant Read and Execute on ${object} (Environment > Applications) to ${username} or its access group, ` +
    "and Read on its own Person"
  );
}

type TenantNames = (dbid: string) => string;

function judge(agent: IsolationAgent, observation: Observation, tenantName: TenantNames): AgentIsolationResult {
  const base = { tenantName: agent.tenantName, username: agent.username };
  const agentTenant = observation.personTenantDbid === undefined ? undefined : tenantName(observation.personTenantDbid);
  if (agentTenant !== agent.tenantName) {
    const problem = agentTenant
      ? `is a person of tenant "${agentTenant}", not of "${agent.tenantName}": ` +
        `enter a sample agent of ${agent.tenantName}`
      : `could not read its own Person, so it is not known to be a person of tenant "${agent.tenantName}"`;
    return { ...base, ok: false, seesTenants: [], agentTenant, problemKind: "wrong-tenant", problem };
  }
  const seesTenants = observation.seesTenantDbids.map(tenantName);
  const others = seesTenants.filter((tenant) => tenant !== agent.tenantName);
  const judged = { ...base, seesTenants, agentTenant };
  if (others.length > 0) {
    const problem = `can read the ${HYBRID_INTEGRATION_NAME} of ${others.join(", ")}`;
    return { ...judged, ok: false, problemKind: "leak", problem };
  }
  if (seesTenants.length === 0) {
    const problem = `sees no ${HYBRID_INTEGRATION_NAME} (its own tenant's is missing or not readable)`;
    return { ...judged, ok: false, problemKind: "own-object-not-visible", problem };
  }
  return { ...judged, ok: true };
}

async function checkAgent(
  admin: GaxClient,
  { connection, agent, tenantName }: { connection: Connection; agent: IsolationAgent; tenantName: TenantNames },
) {
  try {
    return judge(agent, await observe(admin, connection, agent), tenantName);
  } catch (error) {
    const base = { tenantName: agent.tenantName, username: agent.username, ok: false, seesTenants: [] };
    if (error instanceof ConfigServerError && error.code === "sign-in-not-permitted") {
      const problem = `may not sign in to GAX. ${await grantAdvice(admin, agent.username)}`;
      return { ...base, problemKind: "sign-in-not-permitted", problem } satisfies AgentIsolationResult;
    }
    const problem = `could not check: ${(error as Error).message}`;
    return { ...base, problemKind: "check-failed", problem } satisfies AgentIsolationResult;
  }
}

/**
 * Passes when every agent is a person of its tenant and sees exactly one hybrid_integration: its own tenant's.
 * `admin` is the bridge's own session: it names the tenants and, where needed, the GAX application to grant rights on.
 */
export async function checkTenantIsolation(
  admin: GaxClient,
  connection: Connection,
  agents: IsolationAgent[],
): Promise<TenantIsolationReport> {
  const tenants: TenantRef[] = await listTenants(admin);
  const names = new Map(tenants.map((tenant) => [tenant.dbid, tenant.name]));
  const tenantName = (dbid: string) => names.get(dbid) ?? `tenant DBID ${dbid}`;
  const results = await Promise.all(agents.map((agent) => checkAgent(admin, { connection, agent, tenantName })));
  const leaks = results
    .filter((result) => result.problemKind === "leak")
    .flatMap((result) => {
      const visibleTo = { tenantName: result.tenantName, username: result.username };
      const others = result.seesTenants.filter((tenant) => tenant !== result.tenantName);
      return others.map((objectTenant) => ({ objectTenant, visibleTo }));
    });
  const passed = agents.length > 0 && results.every((result) => result.ok);
  const summary = passed
    ? `Tenant isolation holds: each of ${results.length} agents sees only its own tenant's ${HYBRID_INTEGRATION_NAME}.`
    : `Tenant isolation fails: ${results
        .filter((result) => !result.ok)
        .map((result) => `${result.username} (${result.tenantName}) ${result.problem}`)
        .join("; ")}${agents.length === 0 ? "no agents were given" : ""}.`;
  return { passed, agents: results, leaks, summary };
}
