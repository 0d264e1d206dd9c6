import { afterEach, describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_AGENT_PASSWORD, SANDBOX_AGENT_WITHOUT_ACCESS } from "@/sandbox/gax/default-seed";
import type { GaxSandboxSeed } from "@/sandbox/gax";
import type { IsolationAgent } from "./bridge";
import { desiredHybridIntegration } from "./desired-object";
import { sampleInput, startBridgeKit } from "./test-fixtures";

let kit: Awaited<ReturnType<typeof startBridgeKit>> | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const TENANTS = ["Acme", "Globex", "Initech"];
const agents: IsolationAgent[] = TENANTS.map((tenantName) => ({
  tenantName,
  username: `${tenantName.toLowerCase()}.agent1`,
  password: SANDBOX_AGENT_PASSWORD,
}));

async function provisioned(seed: GaxSandboxSeed = defaultGaxSeed, tenants = TENANTS) {
  kit = await startBridgeKit({ seed });
  const bridge = kit.bridge();
  for (const tenant of tenants)
    await bridge.applyHybridIntegration(
      tenant,
      desiredHybridIntegration(sampleInput({ orgShortName: tenant.toLowerCase() })),
    );
  return bridge;
}

describe("tenant isolation check", () => {
  it("passes when each agent sees exactly its own tenant's object", async () => {
    const bridge = await provisioned();
    const report = await bridge.checkTenantIsolation(agents);
    expect(report.passed).toBe(true);
    expect(report.leaks).toEqual([]);
    expect(report.agents.map((agent) => agent.seesTenants)).toEqual([["Acme"], ["Globex"], ["Initech"]]);
    expect(report.summary).toMatch(/each of 3 agents sees only its own tenant's hybrid_integration/);
  });

  it("fails on a leaking ACL seeded in GAX and names which tenant's object leaks to whom", async () => {
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments[0]!.acl!.push({
      on: { type: "CfgFolder", tenant: "Acme", name: "Transactions" },
      account: { accessGroup: "Users", tenant: "Globex" },
      mask: 1,
    });
    const bridge = await provisioned(seed);
    const report = await bridge.checkTenantIsolation(agents);
    expect(report.passed).toBe(false);
    expect(report.leaks).toEqual([
      { objectTenant: "Acme", visibleTo: { tenantName: "Globex", username: "globex.agent1" } },
    ]);
    expect(report.agents.find((agent) => agent.tenantName === "Globex")).toMatchObject({
      ok: false,
      seesTenants: ["Acme", "Globex"],
    });
    expect(report.summary).toMatch(/globex\.agent1 \(Globex\) can read the hybrid_integration of Acme/);
  });

  it("fails when an agent cannot see its own tenant's object", async () => {
    const bridge = await provisioned(defaultGaxSeed, ["Acme", "Globex"]);
    const report = await bridge.checkTenantIsolation(agents);
    expect(report.passed).toBe(false);
    expect(report.agents.find((agent) => agent.tenantName === "Initech")?.problem).toMatch(
      /sees no hybrid_integration/,
    );
  });

  it("fails, without echoing the password, when an agent cannot sign in", async () => {
    const bridge = await provisioned();
    const report = await bridge.checkTenantIsolation([
      ...agents.slice(0, 2),
      { tenantName: "Initech", username: "initech.agent1", password: "wrong-agent-pass" },
    ]);
    expect(report.passed).toBe(false);
    expect(report.agents[2]?.problem).toMatch(/could not check: GAX refused the sign-in of user "initech.agent1"/);
    expect(JSON.stringify(report)).not.toContain("wrong-agent-pass");
  });

  it("says exactly what to grant, and on which object, when GAX refuses an agent for lack of rights", async () => {
    const bridge = await provisioned();
    const { username, password } = SANDBOX_AGENT_WITHOUT_ACCESS;
    const report = await bridge.checkTenantIsolation([{ tenantName: "Acme", username, password }]);
    expect(report.passed).toBe(false);
    expect(report.leaks).toEqual([]);
    expect(report.agents[0]).toEqual({
      tenantName: "Acme",
      username: "acme.noaccess",
      ok: false,
      seesTenants: [],
      problemKind: "sign-in-not-permitted",
      problem:
        "may not sign in to GAX. Grant Read and Execute on the application object 'GAX' (Environment > Applications) " +
        "to acme.noaccess or its access group, and Read on its own Person",
    });
    expect(report.summary).toMatch(/^Tenant isolation fails: acme\.noaccess \(Acme\) may not sign in to GAX\. Grant /);
  });

  it("refuses a sample agent of another tenant, naming both tenants, and reports no leak for it", async () => {
    const bridge = await provisioned();
    const acmeAgent = { username: "acme.agent1", password: SANDBOX_AGENT_PASSWORD };
    const report = await bridge.checkTenantIsolation([{ tenantName: "Globex", ...acmeAgent }]);
    expect(report.passed).toBe(false);
    expect(report.leaks).toEqual([]);
    expect(report.agents[0]).toEqual({
      tenantName: "Globex",
      username: "acme.agent1",
      ok: false,
      seesTenants: [],
      agentTenant: "Acme",
      problemKind: "wrong-tenant",
      problem: 'is a person of tenant "Acme", not of "Globex": enter a sample agent of Globex',
    });
  });

  it("records the tenant of each agent's own Person", async () => {
    const bridge = await provisioned();
    const report = await bridge.checkTenantIsolation(agents);
    expect(report.agents.map((agent) => agent.agentTenant)).toEqual(TENANTS);
  });

  it("signs each agent in with a fresh session of its own and signs it out", async () => {
    const bridge = await provisioned();
    await bridge.checkTenantIsolation(agents);
    const { requests, deployments } = await kit!.control.state();
    expect(requests.filter((entry) => entry.path === "/session/login")).toHaveLength(1 + agents.length);
    expect(requests.filter((entry) => entry.path === "/session/logout")).toHaveLength(agents.length);
    expect(deployments[0]?.openSessions).toBe(1);
  });

  it("fails when no agents are given", async () => {
    const bridge = await provisioned(defaultGaxSeed, []);
    const report = await bridge.checkTenantIsolation([]);
    expect(report.passed).toBe(false);
    expect(report.summary).toMatch(/no agents were given/);
  });
});
