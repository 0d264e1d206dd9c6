import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant } from "./engine";
import { tenantSecretRef } from "../model/secret-refs";
import { optionOf, startProvisioningKit, type ProvisioningKit, stepReport } from "../test-support";
import { EWT_CLIENT } from "../model/step-keys";

let kit: ProvisioningKit;

beforeAll(async () => {
  kit = await startProvisioningKit({
    settings: { ewtClient: "shared", tokenLifetimeSeconds: 7200, samlScopes: ["journey", "users:readonly"] },
  });
});
afterAll(() => kit.close());

describe("a tenant whose Agent Pacing Service shares the PureEngage Client Credentials client", () => {
  it("creates no ewt client and writes the shared client into the ewt section", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(stepReport(report, EWT_CLIENT).result).toBe("updated");
    const org = await kit.genesysOrg();
    const shared = org.oauthClients.find((client) => client.name === "PureEngage Client Credentials")!;
    expect(org.oauthClients.map((client) => client.name).sort()).toEqual([
      "Genesys Multicloud CX SAML2 Bearer",
      "Hybrid Provisioner bootstrap",
      "PureEngage Client Credentials",
      "Read-only auditor",
    ]);
    expect(shared.accessTokenValiditySeconds).toBe(7200);
    expect(org.oauthClients.find((client) => client.authorizedGrantType === "SAML2-BEARER")!.scope).toEqual([
      "journey",
      "users:readonly",
    ]);
    const [transaction] = await kit.hybridIntegration();
    expect(optionOf(transaction!, "ewt", "client_id")).toBe(shared.id);
    expect(optionOf(transaction!, "ewt", "password")).toBe(
      await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "client-credentials-client.client-secret")),
    );
    expect(await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "ewt-client.client-secret"))).toBeUndefined();
  });
});
