import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTenant, verifyTenant } from "./engine";
import {
  applicableStepCount,
  startProvisioningKit,
  type GaxTransactionState,
  type ProvisioningKit,
} from "../test-support";
import {
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  EWT_CLIENT,
  IDENTITY_PROVIDER,
  SAML2_BEARER_CLIENT,
  SMOKE_TEST,
  TRANSACTION_OBJECT,
} from "../model/step-keys";

let kit: ProvisioningKit;

beforeAll(async () => {
  kit = await startProvisioningKit();
  expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
});
afterAll(() => kit.close());

async function introduceDrift() {
  const org = await kit.genesysOrg();
  const client = org.oauthClients.find((c) => c.name === "PureEngage Client Credentials")!;
  const { id: _id, ...clientFields } = client;
  expect(
    (
      await kit.genesysApi("PUT", `/api/v2/oauth/clients/${client.id}`, {
        ...clientFields,
        accessTokenValiditySeconds: 3600,
      })
    ).status,
  ).toBe(200);

  const employee = org.roles.find((role) => role.defaultRoleId === "employee")!;
  const policies = employee.permissionPolicies.filter(
    (policy) => !(policy.domain === "journey" && policy.entityName === "segment"),
  );
  expect(
    (
      await kit.genesysApi("PUT", `/api/v2/authorization/roles/${employee.id}`, {
        name: employee.name,
        permissionPolicies: policies,
      })
    ).status,
  ).toBe(200);

  expect(
    (
      await kit.genesysApi("PUT", "/api/v2/identityproviders/pureengage", {
        ...org.pureEngage,
        autoProvisionUsers: false,
      })
    ).status,
  ).toBe(200);

  const gax = await kit.gaxAdminSession();
  const [live] = await kit.hybridIntegration();
  const changed: GaxTransactionState = structuredClone(live!);
  changed.userproperties.property = changed.userproperties.property.map((p) =>
    p.section === "general" && p.key === "organization_sname" ? { ...p, value: "someone-else" } : p,
  );
  expect((await gax.put(`cfg/objects/CfgTransaction/${live!.dbid}`, changed)).status).toBeLessThan(300);
}

describe("drift", () => {
  it("is reported by verify with the differing fields, step by step", async () => {
    const clean = await verifyTenant(kit.tenant.id, kit.engine);
    expect(clean.steps.filter((step) => step.status !== "skipped").map((step) => step.verification?.status)).toEqual(
      Array(await applicableStepCount(kit.db, kit.tenant.id)).fill("ok"),
    );

    await introduceDrift();
    const report = await verifyTenant(kit.tenant.id, kit.engine);
    const statusOf = Object.fromEntries(report.steps.map((step) => [step.stepKey, step.verification?.status]));
    expect(statusOf).toMatchObject({
      [CONNECT_ORG]: "ok",
      [CLIENT_CREDENTIALS_CLIENT]: "drifted",
      [EWT_CLIENT]: "ok",
      [SAML2_BEARER_CLIENT]: "ok",
      [IDENTITY_PROVIDER]: "drifted",
      [EMPLOYEE_ROLE]: "drifted",
      [TRANSACTION_OBJECT]: "drifted",
    });
    const differences = (key: string) => report.steps.find((step) => step.stepKey === key)!.verification!.differences;
    expect(differences(CLIENT_CREDENTIALS_CLIENT)).toEqual([
      { field: "accessTokenValiditySeconds", expected: "86400", actual: "3600" },
    ]);
    expect(differences(IDENTITY_PROVIDER)).toEqual([
      { field: "autoProvisionUsers", expected: "true", actual: "false" },
    ]);
    expect(differences(EMPLOYEE_ROLE)).toEqual([{ field: "permission", expected: "journey:segment:view", actual: "" }]);
    expect(differences(TRANSACTION_OBJECT)).toEqual([
      { field: "general/organization_sname", expected: "acme-eu", actual: "someone-else" },
    ]);
    const state = await kit.db.stepState.findUniqueOrThrow({
      where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: EMPLOYEE_ROLE } },
    });
    expect({ verifyStatus: state.verifyStatus, drift: state.drift }).toEqual({
      verifyStatus: "drifted",
      drift: differences(EMPLOYEE_ROLE),
    });
  });

  it("is repaired by apply, keeping every other policy and option, after which verify is all ok", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(Object.fromEntries(report.steps.map((step) => [step.stepKey, step.result]))).toMatchObject({
      [CLIENT_CREDENTIALS_CLIENT]: "updated",
      [IDENTITY_PROVIDER]: "updated",
      [EMPLOYEE_ROLE]: "updated",
      [TRANSACTION_OBJECT]: "updated",
      [EWT_CLIENT]: "unchanged",
      [SMOKE_TEST]: "checked",
    });
    const org = await kit.genesysOrg();
    expect(org.oauthClients.find((c) => c.name === "PureEngage Client Credentials")!.accessTokenValiditySeconds).toBe(
      86_400,
    );
    expect(org.pureEngage!.autoProvisionUsers).toBe(true);
    const employee = org.roles.find((role) => role.defaultRoleId === "employee")!;
    const held = employee.permissionPolicies.flatMap((p) => p.actionSet.map((a) => `${p.domain}:${p.entityName}:${a}`));
    expect(held).toEqual(expect.arrayContaining(["journey:segment:view", "directory:user:view"]));
    expect(org.oauthClients).toHaveLength(5);

    const after = await verifyTenant(kit.tenant.id, kit.engine);
    expect(after.steps.filter((step) => step.status !== "skipped").map((step) => step.verification?.status)).toEqual(
      Array(await applicableStepCount(kit.db, kit.tenant.id)).fill("ok"),
    );
  });

  it("reports a deleted client as missing and recreates it with a new sealed secret on apply", async () => {
    const org = await kit.genesysOrg();
    const saml = org.oauthClients.find((c) => c.authorizedGrantType === "SAML2-BEARER")!;
    expect((await kit.genesysApi("DELETE", `/api/v2/oauth/clients/${saml.id}`)).status).toBeLessThan(300);

    const report = await verifyTenant(kit.tenant.id, kit.engine, SAML2_BEARER_CLIENT);
    expect(report.steps[0]!.verification!.status).toBe("missing");

    const repaired = await applyTenant(kit.tenant.id, kit.engine);
    expect(repaired.status).toBe("succeeded");
    expect(Object.fromEntries(repaired.steps.map((step) => [step.stepKey, step.result]))).toMatchObject({
      [SAML2_BEARER_CLIENT]: "created",
      [TRANSACTION_OBJECT]: "updated",
      [SMOKE_TEST]: "checked",
    });
    const clients = (await kit.genesysOrg()).oauthClients.filter((c) => c.authorizedGrantType === "SAML2-BEARER");
    expect(clients).toHaveLength(1);
    expect(clients[0]!.id).not.toBe(saml.id);
  });
});
