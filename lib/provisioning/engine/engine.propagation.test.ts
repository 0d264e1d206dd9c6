import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { openSecret } from "@/lib/secrets/store";
import { applyTenant, runTenant } from "./engine";
import { tenantSecretRef } from "../model/secret-refs";
import { startProvisioningKit, type ProvisioningKit, stepReport } from "../test-support";
import { CLIENT_CREDENTIALS_CLIENT, CONNECT_ORG, SMOKE_TEST } from "../model/step-keys";

/** Genesys Cloud takes changes in only after this long (the sandbox's propagation delay). */
async function delayChanges(kit: ProvisioningKit, seconds: number) {
  const answer = await fetch(`${kit.genesys.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ propagationDelaySeconds: seconds }),
  });
  expect(answer.status).toBe(200);
}

const tokenAnswers = async (kit: ProvisioningKit) =>
  (await kit.genesysRequests()).filter((request) => request.path === "/oauth/token").map((request) => request.status);

let kit: ProvisioningKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

describe("changes Genesys Cloud takes in only after a while", () => {
  it("a fresh apply waits for the new clients, certificate and role, and ends with a green smoke test", async () => {
    kit = await startProvisioningKit({ propagationWindowMs: 20_000 });
    // Long enough that the SAML2 bearer client is still taking effect when the smoke test reaches it, on a busy machine.
    await delayChanges(kit, 8);
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.steps.filter((step) => step.status === "failed").map((step) => step.error)).toEqual([]);
    expect(report.steps.at(-1)).toMatchObject({ stepKey: SMOKE_TEST, status: "succeeded", result: "checked" });
    // The SAML2 bearer client was refused at first: the smoke test asked again instead of failing.
    expect(await tokenAnswers(kit)).toContain(401);
    expect((await kit.genesysWrites()).filter((request) => request.path.endsWith("/secret"))).toEqual([]);
  }, 60_000);

  it("never regenerates a client secret because Genesys Cloud refused a new one for a moment", async () => {
    kit = await startProvisioningKit({ propagationWindowMs: 10_000 });
    expect((await applyTenant(kit.tenant.id, kit.engine, CONNECT_ORG)).status).toBe("succeeded");
    await delayChanges(kit, 1.5);
    const created = await applyTenant(kit.tenant.id, kit.engine, CLIENT_CREDENTIALS_CLIENT);
    expect(created.steps[0]!.result).toBe("created");
    const secret = await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "client-credentials-client.client-secret"));

    const stepKey = CLIENT_CREDENTIALS_CLIENT;
    const planned = await runTenant({ tenantId: kit.tenant.id, mode: "plan", stepKey }, kit.engine);
    const plan = planned.steps[0]!.plan!;
    expect(plan.action).toBe("none");
    expect(plan.notices).toHaveLength(1);
    expect(plan.notices![0]).toMatch(/^OAuth client "PureEngage Client Credentials" changed [\d.]+ s ago: /);
    expect(plan.notices![0]).toMatch(
      / Genesys Cloud may refuse its secret for up to 10 s after a change\. Apply and verify wait for it, /,
    );
    expect(plan.notices![0]).toMatch(/ and regenerate the secret only if it is still refused after that\.$/);

    const again = await applyTenant(kit.tenant.id, kit.engine, CLIENT_CREDENTIALS_CLIENT);
    expect(again.steps[0]).toMatchObject({ status: "succeeded", result: "unchanged" });
    expect(await openSecret(kit.db, tenantSecretRef(kit.tenant.id, "client-credentials-client.client-secret"))).toBe(
      secret,
    );
    expect(await tokenAnswers(kit)).toContain(401);
    expect((await kit.genesysWrites()).filter((request) => request.path.endsWith("/secret"))).toEqual([]);
    expect(await kit.db.auditEvent.count({ where: { targetId: kit.tenant.id, action: "secret.regenerate" } })).toBe(0);
  }, 60_000);

  it("a refusal outlasting the window fails the smoke test: what was refused, for how long, what to do", async () => {
    kit = await startProvisioningKit({ propagationWindowMs: 3_000 });
    await delayChanges(kit, 600);
    const started = Date.now();
    const report = await applyTenant(kit.tenant.id, kit.engine);
    const smoke = stepReport(report, SMOKE_TEST);
    expect(smoke.status).toBe("failed");
    const message = smoke.error!.message;
    expect(message).toMatch(/^The smoke test failed to exchange a SAML assertion for a token, still refused after /);
    expect(message).toMatch(/ attempts; Genesys Cloud takes in new clients, certificates and role changes within 3 s/);
    expect(message).toMatch(/: 401 invalid_client: Genesys Cloud does not accept the SAML2 bearer client's id /);
    expect(message).toMatch(/\. Verify the SAML2 Bearer client step: /);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it("verify does not wait for the window when nothing changed recently", async () => {
    kit = await startProvisioningKit({ propagationWindowMs: 4_000 });
    expect((await applyTenant(kit.tenant.id, kit.engine)).status).toBe("succeeded");
    await sleep(4_100);
    // Someone points the identity provider at another issuer: the assertion is refused, and no change explains it.
    const provider = (await kit.genesysOrg()).pureEngage!;
    const changed = { ...provider, certificates: undefined, issuerURI: "https://elsewhere.example.test" };
    expect((await kit.genesysApi("PUT", "/api/v2/identityproviders/pureengage", changed)).status).toBe(200);
    const started = Date.now();
    const report = await runTenant({ tenantId: kit.tenant.id, mode: "verify", stepKey: SMOKE_TEST }, kit.engine);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(report.steps[0]!.verification).toMatchObject({
      status: "drifted",
      differences: [
        {
          field: "exchange a SAML assertion for a token",
          actual: expect.stringMatching(/^400 invalid_grant: .*\(still refused after [\d.]+ s \(2 attempts; /),
        },
      ],
    });
  }, 60_000);
});
