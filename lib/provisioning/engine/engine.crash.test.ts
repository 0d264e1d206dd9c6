import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, type EngineOptions } from "./engine";
import { tenantSecretRef } from "../model/secret-refs";
import {
  startProvisioningKit,
  stepReport,
  stepsOfUnusedServices,
  withoutUnusedServiceSteps,
  type ProvisioningKit,
} from "../test-support";
import {
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  EWT_CLIENT,
  IDENTITY_PROVIDER,
  NETWORK_ALLOW_LIST,
  SAML2_BEARER_CLIENT,
  SAML_KEY_MATERIAL,
  SMOKE_TEST,
  TENANT_ISOLATION,
  TRANSACTION_OBJECT,
} from "../model/step-keys";

class SimulatedCrash extends Error {}

let kit: ProvisioningKit;

beforeAll(async () => {
  kit = await startProvisioningKit();
});
afterAll(() => kit.close());

const intentsOf = () =>
  kit.db.externalIntent.findMany({ where: { tenantId: kit.tenant.id, stepKey: CLIENT_CREDENTIALS_CLIENT } });

describe("a crash between an external create and storing its result", () => {
  it("leaves the intent pending and no secret stored", async () => {
    const crashing: EngineOptions = {
      ...kit.engine,
      hooks: {
        afterExternalCreate: ({ stepKey }) => {
          if (stepKey === CLIENT_CREDENTIALS_CLIENT)
            throw new SimulatedCrash("process killed after the create answered");
        },
      },
    };
    const report = await applyTenant(kit.tenant.id, crashing);
    expect(report.status).toBe("failed");
    // The run goes on with every step that does not depend on the failed one; those that do are not run, and say why.
    expect(
      withoutUnusedServiceSteps(report.steps, kit.tenant.services).map((step) => [step.stepKey, step.status]),
    ).toEqual([
      [CONNECT_ORG, "succeeded"],
      [CLIENT_CREDENTIALS_CLIENT, "failed"],
      [EWT_CLIENT, "not-run"],
      ...[SAML2_BEARER_CLIENT, SAML_KEY_MATERIAL, IDENTITY_PROVIDER, EMPLOYEE_ROLE].map((key) => [key, "succeeded"]),
      [ADMIN_USERS, "skipped"],
      ...[TRANSACTION_OBJECT, TENANT_ISOLATION].map((key) => [key, "not-run"]),
      [NETWORK_ALLOW_LIST, "succeeded"],
      [SMOKE_TEST, "not-run"],
    ]);
    const notRun = Object.fromEntries(
      report.steps
        .filter((step) => step.status === "not-run")
        .map((step) => [step.stepKey, [step.reason, step.blockedBy]]),
    );
    const throughObject =
      'Not run: it waits for "Transaction object hybrid_integration", which did not run ("PureEngage Client Credentials client" failed).';
    expect(notRun).toEqual({
      [EWT_CLIENT]: [
        'Not run: it waits for "PureEngage Client Credentials client", which failed.',
        [CLIENT_CREDENTIALS_CLIENT],
      ],
      [TRANSACTION_OBJECT]: [
        'Not run: it waits for "Agent Pacing Service (ewt) client", which did not run ("PureEngage Client Credentials client" failed).',
        [CLIENT_CREDENTIALS_CLIENT],
      ],
      [TENANT_ISOLATION]: [throughObject, [CLIENT_CREDENTIALS_CLIENT]],
      [SMOKE_TEST]: [throughObject, [CLIENT_CREDENTIALS_CLIENT]],
    });
    // The reason is on each passed-over StepRun, and the run's message names every step that did not finish.
    const passed = await kit.db.stepRun.findMany({
      where: { runId: report.runId, status: "skipped" },
      select: { stepKey: true, outcome: true, operatorMessage: true },
    });
    const unused = stepsOfUnusedServices(kit.tenant.services);
    expect(
      Object.fromEntries(
        passed
          .filter((stepRun) => !unused.includes(stepRun.stepKey))
          .map((stepRun) => [stepRun.stepKey, [stepRun.outcome, stepRun.operatorMessage]]),
      ),
    ).toEqual({
      [ADMIN_USERS]: ["skipped", null],
      ...Object.fromEntries(Object.entries(notRun).map(([key, [reason]]) => [key, ["not-run", reason]])),
    });
    expect(
      (await kit.genesysOrg()).oauthClients.filter((c) => c.name === "PureEngage Client Credentials"),
    ).toHaveLength(1);
    expect(await intentsOf()).toMatchObject([{ kind: "oauth-client", status: "pending", objectId: null }]);
    expect(
      await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "client-credentials-client.client-secret")),
    ).toBeUndefined();
  });

  it("is reconciled by the next run: the client is found, not duplicated, and its lost secret is regenerated and audited", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(stepReport(report, CLIENT_CREDENTIALS_CLIENT).result).toBe("updated");

    const clients = (await kit.genesysOrg()).oauthClients.filter((c) => c.name === "PureEngage Client Credentials");
    expect(clients).toHaveLength(1);
    expect(await intentsOf()).toMatchObject([{ status: "done", objectId: clients[0]!.id, attempts: 1 }]);

    const secret = await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "client-credentials-client.client-secret"));
    const token = await fetch(`${kit.genesys.url}/oauth/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${clients[0]!.id}:${secret}`).toString("base64")}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    expect(token.status).toBe(200);

    const regenerations = await kit.db.auditEvent.findMany({
      where: { targetId: kit.tenant.id, action: "secret.regenerate" },
    });
    expect(regenerations).toHaveLength(1);
    expect(regenerations[0]!.details).toMatchObject({
      step: CLIENT_CREDENTIALS_CLIENT,
      objectKind: "oauth-client",
      objectId: clients[0]!.id,
      purpose: "client-credentials-client.client-secret",
      reason: expect.stringMatching(/no secret is stored/),
    });
    const failures = await kit.db.auditEvent.findMany({ where: { targetId: kit.tenant.id, action: "step.fail" } });
    expect(failures.map((event) => (event.details as { step: string }).step)).toEqual([CLIENT_CREDENTIALS_CLIENT]);
  });

  it("regenerates a secret Genesys Cloud no longer accepts (rotated by hand in the admin UI)", async () => {
    const client = (await kit.genesysOrg()).oauthClients.find((c) => c.name === "PureEngage Agent Pacing Service")!;
    expect((await kit.genesysApi("POST", `/api/v2/oauth/clients/${client.id}/secret`)).status).toBe(200);
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(stepReport(report, EWT_CLIENT).result).toBe("updated");
    const regenerations = await kit.db.auditEvent.findMany({
      where: { targetId: kit.tenant.id, action: "secret.regenerate" },
      orderBy: { seq: "asc" },
    });
    expect(regenerations.at(-1)!.details).toMatchObject({
      step: EWT_CLIENT,
      reason: expect.stringMatching(/no longer accepts/),
    });
    // The new secret reached the transaction object too.
    const [transaction] = await kit.hybridIntegration();
    const ewtPassword = transaction!.userproperties.property.find(
      (p) => p.section === "ewt" && p.key === "password",
    )!.value;
    expect(ewtPassword).toBe(await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "ewt-client.client-secret")));
  });
});
