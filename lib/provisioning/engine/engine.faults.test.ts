import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTenant, verifyTenant, type RunReport } from "./engine";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";

const MAX_APPLIES = 12;

/** What a provisioned tenant looks like in both sandboxes, without the ids, secrets and key material that differ per run. */
async function endState(kit: ProvisioningKit) {
  const org = await kit.genesysOrg();
  const roleName = new Map(org.roles.map((role) => [role.id, role.name]));
  const divisionName = new Map(org.divisions.map((division) => [division.id, division.name]));
  const transactions = await kit.hybridIntegration();
  const clientIds = new Map(org.oauthClients.map((client) => [client.id, client.name]));
  return {
    clients: org.oauthClients
      .map(
        ({
          name,
          description,
          authorizedGrantType,
          accessTokenValiditySeconds,
          roleDivisions,
          scope,
          registeredRedirectUri,
          state,
        }) => ({
          name,
          description,
          authorizedGrantType,
          accessTokenValiditySeconds,
          roleDivisions: roleDivisions.map(
            (grant) => `${roleName.get(grant.roleId)}@${divisionName.get(grant.divisionId)}`,
          ),
          scope,
          registeredRedirectUri,
          state,
        }),
      )
      .sort((a, b) => a.name.localeCompare(b.name)),
    provider: org.pureEngage && { ...org.pureEngage, id: undefined, certificate: undefined, certificates: undefined },
    employeePolicies: org.roles
      .find((role) => role.name === "employee")!
      .permissionPolicies.map((p) => `${p.domain}:${p.entityName}:${[...p.actionSet].sort().join(",")}`)
      .sort(),
    transactions: transactions.map((transaction) =>
      transaction.userproperties.property
        // Ids become what they name; secrets and key material differ per run (the apply and crash tests check them).
        .map(
          ({ section, key, value }) =>
            `${section}/${key}=${value === kit.orgId ? "<org id>" : (clientIds.get(value) ?? (/secret|key|cert|password/i.test(key) ? "<material>" : value))}`,
        )
        .sort(),
    ),
  };
}

async function applyUntilSucceeded(kit: ProvisioningKit): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  while (reports.length < MAX_APPLIES) {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    reports.push(report);
    if (report.status === "succeeded") break;
  }
  return reports;
}

let clean: ProvisioningKit;
let faulty: ProvisioningKit;
let faultyReports: RunReport[];

beforeAll(async () => {
  // One after the other: the first seal of a run registers the encryption key, and two at once race on it.
  clean = await startProvisioningKit();
  faulty = await startProvisioningKit();
  expect((await applyTenant(clean.tenant.id, clean.engine)).status).toBe("succeeded");

  const genesysFaults = await fetch(`${faulty.genesys.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      randomSeed: 7,
      rules: [
        // The first client create is kept but its answer lost; then random faults everywhere.
        { path: "/api/v2/oauth/clients", method: "POST", limit: 1, dropRate: 1 },
        { errorRate: 0.12, dropRate: 0.08, burst429: { rate: 0.04, length: 3, retryAfterSeconds: 1 } },
      ],
    }),
  });
  expect(genesysFaults.status).toBe(200);
  const gaxFaults = {
    randomSeed: 7,
    errorRate: 0.12,
    dropRate: 0.08,
    // The first object create fails before it is processed, the next is processed and its answer lost.
    rules: [
      { method: "POST" as const, pathIncludes: "/cfg/objects", action: "error" as const, phase: "before" as const },
      { method: "POST" as const, pathIncludes: "/cfg/objects", action: "drop" as const, phase: "after" as const },
    ],
  };
  expect((await faulty.gax.control.faults(gaxFaults)).status).toBe(200);
  faultyReports = await applyUntilSucceeded(faulty);
}, 180_000);
afterAll(() => Promise.all([clean?.close(), faulty?.close()]));

describe("repeated applies with 5xx answers, 429 bursts and dropped connections in both sandboxes", () => {
  it("meet every kind of fault on the way", async () => {
    const genesysLog = (
      (await (await fetch(`${faulty.genesys.url}/__sandbox/state`)).json()) as {
        requests: { status: number | string }[];
      }
    ).requests;
    const statuses = new Set(genesysLog.map((request) => request.status));
    expect([...statuses]).toEqual(expect.arrayContaining([429, "dropped"]));
    expect([...statuses].some((status) => typeof status === "number" && status >= 500)).toBe(true);
    const gaxOutcomes = new Set((await faulty.gax.control.state()).requests.map((request) => request.outcome));
    expect([...gaxOutcomes]).toEqual(expect.arrayContaining(["dropped", 503]));
  });

  it("converge: the last apply succeeds", () => {
    expect(faultyReports.at(-1)!.status).toBe("succeeded");
  });

  it("end in the same state as a fault-free run, with no duplicate objects", async () => {
    const [expected, actual] = await Promise.all([endState(clean), endState(faulty)]);
    expect(actual).toEqual(expected);
    expect(new Set(actual.clients.map((client) => client.name)).size).toBe(actual.clients.length);
    expect(actual.transactions).toHaveLength(1);
    const intents = await faulty.db.externalIntent.findMany({ where: { tenantId: faulty.tenant.id } });
    expect(intents.every((intent) => intent.status === "done")).toBe(true);
  });

  it("leave nothing to repair once the faults stop: verify is ok everywhere and another apply writes nothing", async () => {
    await fetch(`${faulty.genesys.url}/__sandbox/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    await faulty.gax.control.faults({});
    const verify = await verifyTenant(faulty.tenant.id, faulty.engine);
    expect(
      verify.steps
        .filter((step) => step.verification)
        .map((step) => [step.stepKey, step.verification!.status])
        .filter(([, status]) => status !== "ok"),
    ).toEqual([]);

    const genesysWritesBefore = (await faulty.genesysWrites()).length;
    const gaxWritesBefore = (await faulty.gax.control.objectWrites()).length;
    expect((await applyTenant(faulty.tenant.id, faulty.engine)).status).toBe("succeeded");
    expect((await faulty.genesysWrites()).length).toBe(genesysWritesBefore);
    expect((await faulty.gax.control.objectWrites()).length).toBe(gaxWritesBefore);
  });
});
