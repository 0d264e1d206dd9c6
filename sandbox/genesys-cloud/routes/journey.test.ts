import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultGenesysSeed, type GenesysSandboxSeedInput, type RunningGenesysSandbox } from "../index";
import { ACME, acmeAuditor, api, GLOBEX, tokenFor, withSandbox } from "../test-support";

function seedWithActionMaps(): GenesysSandboxSeedInput {
  const seed = structuredClone(defaultGenesysSeed) as GenesysSandboxSeedInput;
  seed.orgs[0]!.actionMaps = [
    { id: "10000000-0000-4000-8000-500000000001", displayName: "Offer chat on the pricing page", isActive: true },
    { id: "10000000-0000-4000-8000-500000000002", displayName: "Offer a callback after three visits", isActive: false },
  ];
  return seed;
}

describe("GET /api/v2/journey/actionmaps", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ seed: seedWithActionMaps() });
  });
  afterAll(() => sandbox.close());

  it("answers the org's action maps in the paging envelope", async () => {
    const token = await tokenFor(sandbox.url, ACME);
    const page = await api(sandbox.url, token, { method: "GET", path: "/api/v2/journey/actionmaps?pageSize=1" });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({
      entities: [
        {
          id: "10000000-0000-4000-8000-500000000001",
          version: 1,
          isActive: true,
          displayName: "Offer chat on the pricing page",
          triggerWithSegments: [],
          weight: 1,
          ignoreFrequencyCap: false,
          createdDate: "2026-01-01T00:00:00.000Z",
          modifiedDate: "2026-01-01T00:00:00.000Z",
          selfUri: "/api/v2/journey/actionmaps/10000000-0000-4000-8000-500000000001",
        },
      ],
      pageSize: 1,
      pageNumber: 1,
      total: 2,
      pageCount: 2,
      firstUri: "/api/v2/journey/actionmaps?pageSize=1&pageNumber=1",
      selfUri: "/api/v2/journey/actionmaps?pageSize=1&pageNumber=1",
      lastUri: "/api/v2/journey/actionmaps?pageSize=1&pageNumber=2",
      nextUri: "/api/v2/journey/actionmaps?pageSize=1&pageNumber=2",
    });
    const other = await api(sandbox.url, await tokenFor(sandbox.url, GLOBEX), {
      method: "GET",
      path: "/api/v2/journey/actionmaps",
    });
    expect(other.body).toMatchObject({ total: 0, entities: [], pageSize: 25 });
  });

  it("needs journey:actionmap:view", async () => {
    const auditor = await tokenFor(sandbox.url, acmeAuditor);
    const refused = await api(sandbox.url, auditor, { method: "GET", path: "/api/v2/journey/actionmaps" });
    const missing = { permissions: "[journey:actionmap:view]" };
    expect(refused.body).toMatchObject({ status: 403, code: "missing.permissions", messageParams: missing });
  });
});
