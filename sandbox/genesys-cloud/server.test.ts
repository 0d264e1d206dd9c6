import { afterEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "./index";
import { ACME, api, GLOBEX, tokenFor, withSandbox } from "./test-support";

describe("Genesys Cloud sandbox pipeline", () => {
  let sandbox: RunningGenesysSandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it("answers every request with an ININ-Correlation-Id that the error body repeats as contextId", async () => {
    sandbox = await withSandbox();
    const token = await tokenFor(sandbox.url, ACME);
    const missing = await api(sandbox.url, token, {
      method: "GET",
      path: "/api/v2/oauth/clients/00000000-0000-4000-8000-000000000000",
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      message: "OAuth client 00000000-0000-4000-8000-000000000000 not found",
      code: "not.found",
      status: 404,
      messageWithParams: "OAuth client 00000000-0000-4000-8000-000000000000 not found",
      messageParams: {},
      contextId: missing.headers.get("inin-correlation-id"),
      details: [],
      errors: [],
    });
    const ok = await api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" });
    expect(ok.headers.get("inin-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("requires a valid bearer token on the Platform API", async () => {
    sandbox = await withSandbox();
    const none = await fetch(`${sandbox.url}/api/v2/organizations/me`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: "authentication.required" });
    const bad = await api(sandbox.url, "not-a-token", { method: "GET", path: "/api/v2/organizations/me" });
    expect(bad.body).toMatchObject({ status: 401, code: "bad.credentials" });
  });

  it("keeps orgs apart: each token sees its own org", async () => {
    sandbox = await withSandbox();
    const acme = await api(sandbox.url, await tokenFor(sandbox.url, ACME), {
      method: "GET",
      path: "/api/v2/organizations/me",
    });
    const globex = await api(sandbox.url, await tokenFor(sandbox.url, GLOBEX), {
      method: "GET",
      path: "/api/v2/organizations/me",
    });
    expect([acme.body.thirdPartyOrgName, globex.body.thirdPartyOrgName]).toEqual(["acme-eu", "globex-us"]);
  });

  it("counts requests per token, sends inin-ratelimit headers and answers 429 with Retry-After past the limit", async () => {
    sandbox = await withSandbox({ rateLimitPerMinute: 3 });
    const token = await tokenFor(sandbox.url, ACME);
    const answers = [];
    for (let i = 0; i < 4; i += 1)
      answers.push(await api(sandbox.url, token, { method: "GET", path: "/api/v2/organizations/me" }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[1]!.headers.get("inin-ratelimit-count")).toBe("2");
    expect(answers[1]!.headers.get("inin-ratelimit-allowed")).toBe("3");
    expect(Number(answers[1]!.headers.get("inin-ratelimit-reset"))).toBeGreaterThan(0);
    const limited = answers[3]!;
    expect(limited.body).toMatchObject({ status: 429, code: "too.many.requests" });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const otherToken = await tokenFor(sandbox.url, GLOBEX);
    expect((await api(sandbox.url, otherToken, { method: "GET", path: "/api/v2/organizations/me" })).status).toBe(200);
  });

  it("answers 415 for a non-JSON body, 400 for broken JSON and 404 for unknown paths", async () => {
    sandbox = await withSandbox();
    const token = await tokenFor(sandbox.url, ACME);
    const asText = await fetch(`${sandbox.url}/api/v2/users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/plain" },
      body: "x",
    });
    expect(asText.status).toBe(415);
    expect(await asText.json()).toMatchObject({ code: "unsupported.media.type" });
    const broken = await fetch(`${sandbox.url}/api/v2/users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: "{",
    });
    expect(await broken.json()).toMatchObject({ status: 400, code: "bad.request" });
    expect((await api(sandbox.url, token, { method: "GET", path: "/api/v2/nothing-here" })).body).toMatchObject({
      status: 404,
      code: "not.found",
    });
  });

  it("keeps the control endpoints off unless enabled", async () => {
    sandbox = await withSandbox();
    expect((await fetch(`${sandbox.url}/__sandbox/state`)).status).toBe(404);
  });
});
