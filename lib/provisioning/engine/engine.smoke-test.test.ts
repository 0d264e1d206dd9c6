import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTenant, runTenant } from "./engine";
import { parseTenantSettings, SettingsError } from "../model/settings";
import { smokeTestStep } from "../steps/smoke-test";
import { loadTenantView } from "../model/tenant-view";
import { startProvisioningKit, type ProvisioningKit, stepReport } from "../test-support";
import { SMOKE_TEST } from "../model/step-keys";

const SMOKE_USER = "hybrid-provisioner-smoke-test@acme-eu.com";
const NOBODY = "nobody@acme-eu.example.com";

const smokeState = (kit: ProvisioningKit) => {
  const key = { tenantId: kit.tenant.id, stepKey: SMOKE_TEST };
  return kit.db.stepState.findUniqueOrThrow({ where: { tenantId_stepKey: key } });
};
const smokePlan = async (kit: ProvisioningKit) =>
  (await runTenant({ tenantId: kit.tenant.id, mode: "plan", stepKey: SMOKE_TEST }, kit.engine)).steps[0]!.plan!;
const sideEffectsOf = async (kit: ProvisioningKit) =>
  smokeTestStep.sideEffects!(await loadTenantView(kit.db, kit.tenant.id));

describe("the smoke test of a fresh tenant", () => {
  let kit: ProvisioningKit;
  beforeAll(async () => {
    kit = await startProvisioningKit();
  });
  afterAll(() => kit.close());

  it("says before apply that the identity provider creates the test user in the customer's org", async () => {
    const [effect, ...others] = await sideEffectsOf(kit);
    expect(others).toEqual([]);
    const subject = "hybrid-provisioner-smoke-test@<org short name>.com";
    expect(effect!.startsWith(`The smoke test signs in to Genesys Cloud as ${subject}: `)).toBe(true);
    expect(effect).toContain("the identity provider creates it in the org");
    expect(effect).toContain("set the tenant setting smokeTestAgentEmail");
  });

  it("reads a Predictive Engagement list with the bearer token, inside the client's journey scope", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    const smoke = stepReport(report, SMOKE_TEST);
    expect(smoke.changes).toEqual([
      `signed in as ${SMOKE_USER} and called GET /api/v2/journey/actionmaps?pageSize=1: the test agent holds ` +
        "journey:actionmap:view, which the employee role gives auto-provisioned agents",
    ]);
    const outputs = { subject: SMOKE_USER, orgId: kit.orgId, probe: "journey-action-maps" };
    expect((await smokeState(kit)).outputs).toEqual(outputs);
    const reads = (await kit.genesysRequests()).filter((request) => request.path === "/api/v2/journey/actionmaps");
    expect(reads.map((request) => request.status)).toEqual([200]);
    expect((await kit.genesysOrg()).users.filter((user) => user.email === SMOKE_USER)).toHaveLength(1);
  });

  it("names the call and what it proves in the plan", async () => {
    expect(await smokePlan(kit)).toEqual({
      action: "check",
      changes: [],
      notices: [
        "The smoke test calls GET /api/v2/journey/actionmaps?pageSize=1 with the SAML2 bearer token " +
          "(scope journey or journey:readonly): green proves the test agent holds journey:actionmap:view, " +
          "which the employee role gives auto-provisioned agents.",
      ],
    });
  });

  it("fails when the employee role lacks the permission the call needs, naming it and the step to verify", async () => {
    const employee = (await kit.genesysOrg()).roles.find((role) => role.defaultRoleId === "employee")!;
    const permissionPolicies = employee.permissionPolicies.filter((policy) => policy.entityName !== "actionmap");
    const body = { name: employee.name, permissionPolicies };
    const put = await kit.genesysApi("PUT", `/api/v2/authorization/roles/${employee.id}`, body);
    expect(put.status).toBe(200);
    const report = await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey: SMOKE_TEST }, kit.engine);
    const verification = report.steps[0]!.verification!;
    expect(verification.status).toBe("drifted");
    expect(verification.differences).toEqual([
      {
        field: "list Predictive Engagement action maps",
        expected: "succeeds",
        actual: expect.stringMatching(
          /^403 missing\.permissions: the test agent lacks \[journey:actionmap:view\] \(still refused after [\d.]+ s /,
        ),
      },
    ]);
  });
});

describe("scopes without a known probe", () => {
  let kit: ProvisioningKit;
  beforeAll(async () => {
    kit = await startProvisioningKit({ settings: { samlScopes: ["users:readonly"] } });
  });
  afterAll(() => kit.close());

  it("apply exchanges the token only and says so; the plan says so before, even while the step waits", async () => {
    const onlyExchange = /^The smoke test can only exchange the SAML assertion for a token, not call an API with it:/;
    const waiting = await smokePlan(kit);
    expect(waiting).toMatchObject({ action: "pending", notices: [expect.stringMatching(onlyExchange)] });
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(stepReport(report, SMOKE_TEST).changes).toEqual([
      `signed in as ${SMOKE_USER} (token exchange only, no API call: none of the client's scopes ` +
        "(users:readonly) is one with a known probe (journey, journey:readonly, organization, organization:readonly))",
    ]);
    expect((await smokeState(kit)).outputs).toMatchObject({ probe: null });
    expect(await smokePlan(kit)).toEqual({ action: "check", changes: [], notices: waiting.notices });
  });
});

describe("an existing test agent named in the tenant settings", () => {
  let kit: ProvisioningKit;
  beforeAll(async () => {
    kit = await startProvisioningKit({ settings: { smokeTestAgentEmail: "alex.agent@acme-eu.example.com" } });
  });
  afterAll(() => kit.close());

  it("is signed in as, and no user is created", async () => {
    expect(await sideEffectsOf(kit)).toEqual([]);
    const before = (await kit.genesysOrg()).users.map((user) => user.email).sort();
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const outputs = { subject: "alex.agent@acme-eu.example.com", probe: "journey-action-maps" };
    expect((await smokeState(kit)).outputs).toMatchObject(outputs);
    expect((await kit.genesysOrg()).users.map((user) => user.email).sort()).toEqual(before);
  });

  it("stops before signing in when the agent is not a user of the org, so none is created", async () => {
    const tenant = await kit.db.tenant.findUniqueOrThrow({ where: { id: kit.tenant.id } });
    const settings = { ...(tenant.settings as object), smokeTestAgentEmail: NOBODY };
    await kit.db.tenant.update({ where: { id: kit.tenant.id }, data: { settings } });
    expect((await smokePlan(kit)).notices).toContain(
      `The test agent cannot sign in: no user of the org has the email ${NOBODY}. Apply will stop before ` +
        "signing in, creating no user; create the agent or correct smokeTestAgentEmail.",
    );
    const report = await applyTenant(kit.tenant.id, kit.engine, SMOKE_TEST);
    expect(report.steps[0]!.error).toEqual({
      code: "precondition_failed",
      message:
        `The smoke test did not sign in (so no user was created): no user of the org has the email ${NOBODY}. ` +
        "Create the test agent in Genesys Cloud or correct the tenant setting smokeTestAgentEmail, then apply again.",
    });
    expect((await kit.genesysOrg()).users.some((user) => user.email === NOBODY)).toBe(false);
  });
});

describe("the smokeTestAgentEmail setting", () => {
  it("must be an email address, and says so naming the field", () => {
    let refused: unknown;
    try {
      parseTenantSettings({ smokeTestAgentEmail: "alex.agent" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SettingsError);
    const message = "must be the email address of an existing agent, such as agent@example.com";
    expect((refused as SettingsError).problems).toEqual([{ field: "settings.smokeTestAgentEmail", message }]);
  });
});
