import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultGenesysSeed, type GenesysSandboxSeedInput, type RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { createGenesysCloudClient } from "../client";
import { ACME, auditorClient, clientFor, failureOf, startSandbox } from "../test-support";
import { makeCertificate } from "@/sandbox/genesys-cloud/saml-test-fixture";
import { samlUserToken, tokenFor } from "@/sandbox/genesys-cloud/test-support";

function seedWithActionMaps(): GenesysSandboxSeedInput {
  const seed = structuredClone(defaultGenesysSeed) as GenesysSandboxSeedInput;
  seed.orgs[0]!.actionMaps = [
    { id: "10000000-0000-4000-8000-500000000001", displayName: "Offer chat on the pricing page" },
    { id: "10000000-0000-4000-8000-500000000002", displayName: "Offer a callback", isActive: false },
  ];
  return seed;
}

describe("journey endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: seedWithActionMaps() });
  });
  afterAll(() => sandbox.close());

  it("reads one page of action maps", async () => {
    const page = await clientFor(sandbox).listActionMaps({ pageSize: 1 });
    expect(page).toMatchObject({ pageSize: 1, pageNumber: 1, total: 2, pageCount: 2 });
    const maps = page.entities.map((map) => [map.displayName, map.isActive]);
    expect(maps).toEqual([["Offer chat on the pricing page", true]]);
  });

  it("explains a missing permission and a scope the token lacks", async () => {
    const missing = await failureOf(auditorClient(sandbox).listActionMaps());
    expect(missing).toMatchObject({ status: 403, code: "missing.permissions" });
    const admin = await tokenFor(sandbox.url, ACME);
    const nameId = "alex.agent@acme-eu.example.com";
    const scope = ["organization:readonly"];
    const { token } = await samlUserToken(sandbox.url, admin, { key: makeCertificate(), scope, nameId });
    const target = { loginBaseUrl: sandbox.url, apiBaseUrl: sandbox.url };
    const scoped = createGenesysCloudClient(target, { accessToken: token });
    const refused = await failureOf(scoped.listActionMaps());
    expect(refused).toMatchObject({ status: 403, code: "app.not.authorized.for.scope", retryable: false });
    expect(refused.operatorMessage).toBe(
      "Could not list Predictive Engagement action maps: the OAuth client is not authorized for the OAuth scope this " +
        "call needs (one of [journey, journey:readonly]). Add one of them to the client's scopes " +
        "(Admin > Integrations > OAuth > the client > Scope), then retry.",
    );
  });
});
