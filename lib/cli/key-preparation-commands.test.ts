import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAccounts } from "./testing/accounts";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { applyTenant, tenantSecretRef, PREPARED_SAML_KEY } from "@/lib/provisioning";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { hasSecret } from "@/lib/secrets/store";

let kit: ProvisioningKit;
const accounts = cliAccounts("keys");
const { operator, viewer } = accounts;

beforeAll(async () => {
  kit = await startProvisioningKit({ services: ["predictive-engagement"] });
  await accounts.create(kit.db);
}, 120_000);
afterAll(() => kit.close());

const cli = (...args: string[]) => runCliProcess(["prepare-keys", ...args]);
const label = () => `${kit.deployment.name}/Acme`;

describe("cli prepare-keys", { timeout: 120_000 }, () => {
  it("needs exactly one of --tenant and --all, and refuses a viewer", async () => {
    expect((await cli("--as", operator)).code).toBe(2);
    const refused = await cli("--tenant", "Acme", "--deployment", kit.deployment.name, "--as", viewer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the viewer role of .* does not allow tenant\.manage/);
    expect(await hasSecret(kit.db, tenantSecretRef(kit.tenant.id, PREPARED_SAML_KEY))).toBe(false);
  });

  it("prepares a tenant's key once, under the operator's name, and not for a tenant whose key material is done", async () => {
    const first = await cli("--tenant", "Acme", "--deployment", kit.deployment.name, "--as", operator, "--json");
    expect(first.stderr).toBe("");
    expect(JSON.parse(first.stdout)).toEqual([{ tenant: label(), outcome: "prepared" }]);
    expect(await hasSecret(kit.db, tenantSecretRef(kit.tenant.id, PREPARED_SAML_KEY))).toBe(true);
    const event = await kit.db.auditEvent.findFirstOrThrow({
      where: { action: "secret.prepare", targetId: kit.tenant.id },
    });
    expect(event.actorEmail).toBe(operator);

    const again = await cli("--tenant", "Acme", "--deployment", kit.deployment.name, "--as", operator);
    expect(again.stdout).toContain("0 prepared, 1 not needed");

    // --all within the kit's deployment: a second tenant gets its key; Acme, provisioned meanwhile, is left out.
    const second = await kit.db.tenant.create({
      data: {
        deploymentId: kit.deployment.id,
        cfgTenantName: "Globex",
        region: "eu-west-1",
        bootstrapClientId: "unused",
      },
    });
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    const all = await cli("--all", "--deployment", kit.deployment.name, "--as", operator, "--json");
    expect(all.stderr).toBe("");
    expect(JSON.parse(all.stdout)).toEqual([{ tenant: `${kit.deployment.name}/Globex`, outcome: "prepared" }]);
    expect(await hasSecret(kit.db, tenantSecretRef(second.id, PREPARED_SAML_KEY))).toBe(true);
  });
});
