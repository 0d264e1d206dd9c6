import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { until } from "@/test/support/until";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { acmeOrg, clientFor, failureOf, resetSandbox, sandboxRequests, setFaults, startSandbox } from "./test-support";

const HOME = acmeOrg.divisions[0]!.id;

describe("client resilience against injected faults", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => resetSandbox(sandbox));
  afterAll(() => sandbox.close());

  it("completes a sequence of idempotent reads with correct results under 20% 5xx and 429 bursts", async () => {
    const gc = clientFor(sandbox);
    await gc.getAccessToken();
    await setFaults(sandbox, {
      randomSeed: 7,
      rules: [
        {
          path: "/api/",
          errorRate: 0.2,
          errorStatuses: [500, 502, 503, 504],
          burst429: { rate: 0.03, length: 3, retryAfterSeconds: 0 },
        },
      ],
    });
    for (let round = 0; round < 12; round += 1) {
      expect((await gc.getOrganization()).thirdPartyOrgName).toBe("acme-eu");
      expect((await gc.listDivisions()).map((d) => d.name)).toEqual(["Home", "Contact Centre"]);
      expect((await gc.listRoles({ defaultRoleId: ["admin"] })).entities.map((r) => r.name)).toEqual(["admin"]);
      expect((await gc.getHomeDivision()).id).toBe(HOME);
      expect(await gc.getPureEngageProvider()).toBeNull();
    }
    const statuses = (await sandboxRequests(sandbox)).map((r) => r.status);
    expect(statuses.filter((s) => typeof s === "number" && s >= 500).length).toBeGreaterThan(5);
    expect(statuses).toContain(429);
  });

  it("reports a create that timed out as outcome unknown, sends it once, and the object can be looked up", async () => {
    await setFaults(sandbox, { path: "/api/v2/oauth/clients", method: "POST", latencyMs: 800 });
    const gc = clientFor(sandbox, undefined, { retry: { timeoutMs: 200, baseDelayMs: 5, maxDelayMs: 40 } });
    const error = await failureOf(gc.createOAuthClient({ name: "Timed out", authorizedGrantType: "TOKEN" }));
    expect(error).toMatchObject({ code: "client.timeout", outcomeUnknown: true, retryable: false, status: undefined });
    expect(error.operatorMessage).toMatch(/may or may not have taken effect/);
    const posts = (await sandboxRequests(sandbox)).filter(
      (r) => r.method === "POST" && r.path === "/api/v2/oauth/clients",
    );
    expect(posts).toHaveLength(1);
    const found = await until(async () => (await gc.listOAuthClients()).filter((c) => c.name === "Timed out").at(0));
    expect(found.name).toBe("Timed out");
  });

  it("reports a create whose connection was cut as outcome unknown, but retries reads on cut connections", async () => {
    await setFaults(sandbox, { path: "/api/v2/users", method: "POST", dropRate: 1 });
    const gc = clientFor(sandbox);
    const error = await failureOf(gc.createUser({ name: "Cut", email: "cut@acme-eu.example.com", divisionId: HOME }));
    expect(error).toMatchObject({ code: "network.error", outcomeUnknown: true });
    await setFaults(sandbox, { randomSeed: 3, path: "/api/v2/organizations", dropRate: 0.5 });
    for (let i = 0; i < 5; i += 1) expect((await gc.getOrganization()).name).toBe("Acme Europe");
  });

  it("does not retry a 5xx answer to a create: outcome unknown", async () => {
    await setFaults(sandbox, { path: "/api/v2/oauth/clients", method: "POST", errorRate: 1, errorStatuses: [503] });
    const error = await failureOf(clientFor(sandbox).createOAuthClient({ name: "x", authorizedGrantType: "TOKEN" }));
    expect(error).toMatchObject({ status: 503, code: "service.unavailable", outcomeUnknown: true });
    expect(
      (await sandboxRequests(sandbox)).filter((r) => r.method === "POST" && r.path === "/api/v2/oauth/clients"),
    ).toHaveLength(1);
  });

  it("retries a create that was answered 429 (it was not processed), honouring Retry-After", async () => {
    await setFaults(sandbox, {
      path: "/api/v2/users",
      method: "POST",
      limit: 1,
      burst429: { rate: 1, length: 1, retryAfterSeconds: 1 },
    });
    const started = Date.now();
    const user = await clientFor(sandbox).createUser({
      name: "Paced",
      email: "paced@acme-eu.example.com",
      divisionId: HOME,
    });
    expect(user.email).toBe("paced@acme-eu.example.com");
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const answers = (await sandboxRequests(sandbox))
      .filter((r) => r.method === "POST" && r.path === "/api/v2/users")
      .map((r) => r.status);
    expect(answers).toEqual([429, 200]);
  });

  it("gives up when Retry-After asks for longer than the bound", async () => {
    await setFaults(sandbox, {
      path: "/api/v2/oauth/clients",
      method: "POST",
      burst429: { rate: 1, length: 1, retryAfterSeconds: 5 },
    });
    const gc = clientFor(sandbox, undefined, { retry: { maxRetryAfterSeconds: 2 } });
    const error = await failureOf(gc.createOAuthClient({ name: "x", authorizedGrantType: "TOKEN" }));
    expect(error).toMatchObject({ status: 429, code: "too.many.requests", retryable: true, outcomeUnknown: false });
    expect(error.operatorMessage).toMatch(/kept answering "too many requests"/);
  });

  it("renews a token the server no longer accepts and recognises token-endpoint throttling", async () => {
    const gc = clientFor(sandbox);
    expect((await gc.getOrganization()).name).toBe("Acme Europe");
    await resetSandbox(sandbox);
    await setFaults(sandbox, { path: "/oauth/token", limit: 2, burst429: { rate: 1, length: 1 } });
    expect((await gc.getOrganization()).name).toBe("Acme Europe");
    const tokenAnswers = (await sandboxRequests(sandbox)).filter((r) => r.path === "/oauth/token").map((r) => r.status);
    expect(tokenAnswers).toEqual([400, 400, 200]);
  });
});
