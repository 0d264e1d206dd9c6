import { afterAll, beforeAll, expect, it } from "vitest";
import { applyTenant, runTenant } from "./engine";
import { CLIENT_CREDENTIALS_CLIENT } from "../model/step-keys";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";

let kit: ProvisioningKit;
beforeAll(async () => {
  // The bootstrap client also holds the auditor role, so it may grant it (a client grants only roles it holds).
  kit = await startProvisioningKit({
    editGenesysOrg: (org) => {
      const auditor = org.roles!.find((role) => role.name === "Read-only auditor")!;
      const [bootstrap] = org.oauthClients!;
      bootstrap!.roleDivisions!.push({ roleId: auditor.id!, divisionId: bootstrap!.roleDivisions![0]!.divisionId });
    },
  });
});
afterAll(() => kit.close());

it("names the roles and the division of a client's changed grants, not their ids", async () => {
  expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
  const org = await kit.genesysOrg();
  const admin = org.roles.find((role) => role.defaultRoleId === "admin")!;
  const auditor = org.roles.find((role) => role.name === "Read-only auditor")!;
  const home = org.divisions.find((division) => division.homeDivision)!;
  const client = org.oauthClients.find((candidate) => candidate.name === "PureEngage Client Credentials")!;
  const body = {
    name: client.name,
    description: client.description,
    authorizedGrantType: client.authorizedGrantType,
    accessTokenValiditySeconds: client.accessTokenValiditySeconds,
    state: "active",
    roleDivisions: [{ roleId: auditor.id, divisionId: home.id }],
  };
  expect((await kit.genesysApi("PUT", `/api/v2/oauth/clients/${client.id}`, body)).status).toBe(200);
  const stepKey = CLIENT_CREDENTIALS_CLIENT;
  const report = await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey }, kit.engine);
  const difference = report.steps[0]!.verification!.differences.find((entry) => entry.field === "roleDivisions");
  expect(difference).toEqual({
    field: "roleDivisions",
    expected: `role ${admin.name} in division ${home.name}`,
    actual: `role ${auditor.name} in division ${home.name}`,
  });
}, 60_000);
