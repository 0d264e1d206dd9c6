import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "./index";
import { makeCertificate } from "./saml-test-fixture";
import {
  ACME,
  api,
  postToken,
  SAML2_BEARER_GRANT,
  samlUserToken,
  signedAssertion,
  tokenFor,
  withSandbox,
} from "./test-support";

const DELAY_S = 0.6;
const settle = () => sleep(DELAY_S * 1000 + 150);
const ACME_ADMIN_ROLE = "10000000-0000-4000-8000-200000000001";
const ACME_EMPLOYEE_ROLE = "10000000-0000-4000-8000-200000000002";
const AGENT = "alex.agent@acme-eu.example.com";

describe("propagation delay (eventual consistency)", () => {
  let sandbox: RunningGenesysSandbox;
  let admin: string;
  const control = (path: string, body?: unknown) =>
    fetch(`${sandbox.url}/__sandbox/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  const clientCredentials = (id: string, secret: string) =>
    postToken(sandbox.url, { clientId: id, clientSecret: secret, form: { grant_type: "client_credentials" } });
  const createClient = async (name: string) => {
    const body = { name, authorizedGrantType: "CLIENT-CREDENTIALS", roleIds: [ACME_ADMIN_ROLE] };
    const created = await api(sandbox.url, admin, { method: "POST", path: "/api/v2/oauth/clients", body });
    return { id: created.body.id as string, secret: created.body.secret as string };
  };

  beforeAll(async () => {
    sandbox = await withSandbox({ controlEndpoints: true });
  });
  beforeEach(async () => {
    await control("reset");
    admin = await tokenFor(sandbox.url, ACME);
  });
  afterAll(() => sandbox.close());

  it("is off by default: a new client works at once", async () => {
    const client = await createClient("now");
    expect((await clientCredentials(client.id, client.secret)).status).toBe(200);
  });

  it("refuses a new client with invalid_client until the delay has passed", async () => {
    expect((await control("faults", { propagationDelaySeconds: DELAY_S })).status).toBe(200);
    const client = await createClient("new");
    const early = await clientCredentials(client.id, client.secret);
    expect(early).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    await settle();
    expect((await clientCredentials(client.id, client.secret)).status).toBe(200);
  });

  it("keeps the old secret in effect after a regeneration until the delay has passed", async () => {
    const client = await createClient("rotating");
    await control("faults", { propagationDelaySeconds: DELAY_S });
    const answer = await api(sandbox.url, admin, { method: "POST", path: `/api/v2/oauth/clients/${client.id}/secret` });
    const regenerated = answer.body.secret as string;
    expect((await clientCredentials(client.id, regenerated)).status).toBe(401);
    expect((await clientCredentials(client.id, client.secret)).status).toBe(200);
    await settle();
    expect((await clientCredentials(client.id, regenerated)).status).toBe(200);
    expect((await clientCredentials(client.id, client.secret)).status).toBe(401);
  });

  it("keeps the previous certificates of the PureEngage provider in effect until the delay has passed", async () => {
    const first = makeCertificate("first.example.test");
    const next = makeCertificate("next.example.test");
    const saml = await samlUserToken(sandbox.url, admin, { key: first, scope: ["journey"], nameId: AGENT });
    await control("faults", { propagationDelaySeconds: DELAY_S });
    const provider = (await api(sandbox.url, admin, { method: "GET", path: "/api/v2/identityproviders/pureengage" }))
      .body;
    const changed = { ...provider, certificates: [next.certificatePem], certificate: next.certificatePem };
    expect(
      (await api(sandbox.url, admin, { method: "PUT", path: "/api/v2/identityproviders/pureengage", body: changed }))
        .status,
    ).toBe(200);
    const exchange = (key: { privateKeyPem: string }) =>
      postToken(sandbox.url, {
        clientId: saml.clientId,
        clientSecret: saml.clientSecret,
        form: {
          grant_type: SAML2_BEARER_GRANT,
          orgName: "acme-eu",
          assertion: signedAssertion(key, AGENT),
        },
      });
    const refused = { error: "invalid_grant", description: expect.stringMatching(/^the signature does not verify/) };
    expect((await exchange(next)).body).toMatchObject(refused);
    expect((await exchange(first)).status).toBe(200);
    await settle();
    expect((await exchange(next)).status).toBe(200);
    expect((await exchange(first)).body).toMatchObject({ error: "invalid_grant" });
  });

  it("keeps a role's previous permissions in effect until the delay has passed; reads show the change", async () => {
    const { token } = await samlUserToken(sandbox.url, admin, {
      key: makeCertificate(),
      scope: ["journey"],
      nameId: AGENT,
    });
    const readMaps = () => api(sandbox.url, token, { method: "GET", path: "/api/v2/journey/actionmaps" });
    const rolePath = `/api/v2/authorization/roles/${ACME_EMPLOYEE_ROLE}`;
    expect((await readMaps()).status).toBe(200);
    await control("faults", { propagationDelaySeconds: DELAY_S });
    const role = (await api(sandbox.url, admin, { method: "GET", path: rolePath })).body as {
      permissionPolicies: { domain: string }[];
    };
    const withoutJourney = role.permissionPolicies.filter((policy) => policy.domain !== "journey");
    const body = { name: "employee", permissionPolicies: withoutJourney };
    const put = await api(sandbox.url, admin, { method: "PUT", path: rolePath, body });
    expect(put.status).toBe(200);
    const reread = await api(sandbox.url, admin, { method: "GET", path: rolePath });
    expect(reread.body.permissionPolicies).toHaveLength(withoutJourney.length);
    expect((await readMaps()).status).toBe(200);
    await settle();
    expect((await readMaps()).body).toMatchObject({ status: 403, code: "missing.permissions" });
  });

  it("names the field of a bad delay", async () => {
    const refused = await control("faults", { propagationDelaySeconds: -1 });
    expect(refused.status).toBe(400);
    const field = expect.stringMatching(/^faults\.propagationDelaySeconds: /);
    expect(await refused.json()).toMatchObject({ code: "bad.request", message: field });
  });
});
