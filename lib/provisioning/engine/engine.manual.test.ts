import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, completeStepManually, verifyTenant } from "./engine";
import { tenantSecretRef } from "../model/secret-refs";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";
import { CONNECT_ORG, EWT_CLIENT, SAML2_BEARER_CLIENT, SMOKE_TEST } from "../model/step-keys";

let kit: ProvisioningKit;
let handMade: { id: string; secret: string };

beforeAll(async () => {
  kit = await startProvisioningKit({ services: ["predictive-engagement"] });
  // What an operator creates in the admin UI: a SAML2 bearer client without the redirect URI.
  const created = await kit.genesysApi("POST", "/api/v2/oauth/clients", {
    name: "WDE SAML (by hand)",
    authorizedGrantType: "SAML2-BEARER",
    scope: ["journey"],
  });
  handMade = { id: created.body.id as string, secret: created.body.secret as string };
});
afterAll(() => kit.close());

describe("manual completion", () => {
  it("refuses values that break the step's rules, naming the field", async () => {
    const error = await completeStepManually(
      { tenantId: kit.tenant.id, stepKey: SAML2_BEARER_CLIENT, values: { clientId: "", clientSecret: "x" } },
      kit.engine,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid_input", fieldErrors: { clientId: ["must not be empty"] } });
    await expect(
      completeStepManually({ tenantId: kit.tenant.id, stepKey: CONNECT_ORG, values: {} }, kit.engine),
    ).rejects.toThrow(/cannot be completed by hand/);
  });

  it("checks the entered client against live state before storing it", async () => {
    const report = await completeStepManually(
      {
        tenantId: kit.tenant.id,
        stepKey: SAML2_BEARER_CLIENT,
        values: { clientId: "3f0e5a4c-0000-4000-8000-000000000000", clientSecret: "whatever-secret" },
      },
      kit.engine,
    );
    expect(report.status).toBe("failed");
    expect(report.steps[0]!.error).toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(/No OAuth client with id/),
    });
  });

  it("stores the client id, seals the secret and audits the completion without the secret", async () => {
    const report = await completeStepManually(
      {
        tenantId: kit.tenant.id,
        stepKey: SAML2_BEARER_CLIENT,
        values: { clientId: handMade.id, clientSecret: handMade.secret },
      },
      kit.engine,
    );
    expect(report.status).toBe("succeeded");
    const state = await kit.db.stepState.findUniqueOrThrow({
      where: { tenantId_stepKey: { tenantId: kit.tenant.id, stepKey: SAML2_BEARER_CLIENT } },
    });
    expect(state).toMatchObject({
      status: "done",
      manual: true,
      outputs: { clientId: handMade.id, clientName: "WDE SAML (by hand)" },
    });
    expect(await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "saml2-bearer-client.client-secret"))).toBe(
      handMade.secret,
    );
    const event = await kit.db.auditEvent.findFirstOrThrow({
      where: {
        targetId: kit.tenant.id,
        action: "step.manual_complete",
        details: { path: ["step"], equals: SAML2_BEARER_CLIENT },
      },
    });
    expect(event.details).toEqual({
      step: SAML2_BEARER_CLIENT,
      fields: ["clientId", "clientSecret"],
      sealedPurposes: ["saml2-bearer-client.client-secret"],
    });
    expect(JSON.stringify(event.details)).not.toContain(handMade.secret);
  });

  it("is kept by apply, which repairs the client's settings without renaming it or creating another, and verify checks it live", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(
      Object.fromEntries(
        report.steps.map((step) => [step.stepKey, step.status === "skipped" ? "skipped" : step.result]),
      ),
    ).toMatchObject({
      [EWT_CLIENT]: "skipped",
      [SAML2_BEARER_CLIENT]: "updated",
      [SMOKE_TEST]: "checked",
    });
    const saml = (await kit.genesysOrg()).oauthClients.filter(
      (client) => client.authorizedGrantType === "SAML2-BEARER",
    );
    expect(saml).toEqual([
      expect.objectContaining({
        id: handMade.id,
        name: "WDE SAML (by hand)",
        registeredRedirectUri: ["https://apps.mypurecloud.ie"],
      }),
    ]);
    const [transaction] = await kit.hybridIntegration();
    expect(transaction!.userproperties.property).toContainEqual({
      section: "saml_auth",
      key: "client_id",
      value: handMade.id,
    });
    expect(transaction!.userproperties.property.some((property) => property.section === "ewt")).toBe(false);

    const verified = await verifyTenant(kit.tenant.id, kit.engine);
    expect(
      verified.steps.filter((step) => step.status !== "skipped").every((step) => step.verification?.status === "ok"),
    ).toBe(true);
  });
});
