import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "./index";
import { ACME, api, postToken, tokenFor, withSandbox } from "./test-support";

describe("fault injection and control endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  let token: string;
  const control = (path: string, body?: unknown) =>
    fetch(`${sandbox.url}/__sandbox/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  const state = async () =>
    (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      orgs: { oauthClients: Record<string, unknown>[]; users: { email: string }[] }[];
      requests: { status: unknown }[];
    };

  beforeAll(async () => {
    sandbox = await withSandbox({ controlEndpoints: true });
  });
  beforeEach(async () => {
    await control("reset");
    token = await tokenFor(sandbox.url, ACME);
  });
  afterAll(() => sandbox.close());

  it("answers injected 5xx with the Genesys error body, only on the matching path", async () => {
    expect(
      (await control("faults", { path: "/api/v2/organizations", errorRate: 1, errorStatuses: [503] })).status,
    ).toBe(200);
    const failed = await api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({
      code: "service.unavailable",
      contextId: failed.headers.get("inin-correlation-id"),
    });
    expect(
      (await api(sandbox.url, token, { method: "GET", path: "/api/v2/authorization/divisions/home" })).status,
    ).toBe(200);
  });

  it("injects 429 bursts of the configured length with Retry-After, and throttles the token endpoint as 400", async () => {
    await control("faults", { rules: [{ path: "/api/", burst429: { rate: 1, length: 2, retryAfterSeconds: 2 } }] });
    const limited = await api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.body).toMatchObject({ code: "too.many.requests" });
    await control("faults", { path: "/oauth/token", burst429: { rate: 1, length: 1 } });
    const throttled = await postToken(sandbox.url, {
      clientId: ACME.clientId,
      clientSecret: ACME.clientSecret,
      form: { grant_type: "client_credentials" },
    });
    expect(throttled).toMatchObject({
      status: 400,
      body: { error: "invalid_request", description: "rate limit exceeded" },
    });
  });

  it("drops the connection after handling the request, so the change is kept but no answer arrives", async () => {
    await control("faults", { path: "/api/v2/users", method: "POST", dropRate: 1 });
    const home = "10000000-0000-4000-8000-100000000001";
    await expect(
      api(sandbox.url, token, {
        method: "POST",
        path: "/api/v2/users",
        body: { name: "Dropped", email: "dropped@acme-eu.example.com", divisionId: home },
      }),
    ).rejects.toThrow();
    const after = await state();
    expect(after.orgs[0]!.users.map((u) => u.email)).toContain("dropped@acme-eu.example.com");
    expect(after.requests.at(-1)?.status).toBe("dropped");
  });

  it("adds latency with jitter", async () => {
    await control("faults", { latencyMs: 150, jitterMs: 50 });
    const started = performance.now();
    await api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it("counts the latency from the request's arrival: its handling (here, a body sent slowly) is part of it", async () => {
    await control("faults", { latencyMs: 300 });
    const { port } = new URL(sandbox.url);
    const parts = ['{"name":"slow body",', '"authorizedGrantType":"TOKEN"}'];
    const started = performance.now();
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v2/oauth/clients",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(parts.join(""))),
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on("error", reject);
      request.write(parts[0]);
      setTimeout(() => request.end(parts[1]), 200);
    });
    const elapsed = performance.now() - started;
    expect(status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(295);
    // Added after the handling, the latency would answer at 200 + 300 ms.
    expect(elapsed).toBeLessThan(450);
  });

  it("rejects a bad fault configuration naming the field", async () => {
    const answer = await control("faults", { errorRate: 2 });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { message: string }).message).toMatch(/faults\.rules\.0\.errorRate/);
  });

  it("reports state without secrets and reseeds on reset", async () => {
    await api(sandbox.url, token, {
      method: "POST",
      path: "/api/v2/oauth/clients",
      body: { name: "temp", authorizedGrantType: "TOKEN" },
    });
    const before = await state();
    expect(before.orgs[0]!.oauthClients).toHaveLength(3);
    expect(before.orgs[0]!.oauthClients.every((c) => !("secret" in c))).toBe(true);
    await control("reset");
    expect((await state()).orgs[0]!.oauthClients).toHaveLength(2);
    expect((await api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" })).status).toBe(401);
  });
});
