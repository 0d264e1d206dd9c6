import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "../index";
import { ACME, api, postToken, withSandbox } from "../test-support";

describe("POST /oauth/token (client credentials)", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ tokenRateLimitPerMinute: 5 });
  });
  afterAll(() => sandbox.close());

  it("issues a bearer token with the client's lifetime that the API accepts", async () => {
    const { status, body } = await postToken(sandbox.url, {
      clientId: ACME.clientId,
      clientSecret: ACME.clientSecret,
      form: { grant_type: "client_credentials" },
    });
    expect(status).toBe(200);
    expect(body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 86400 });
    const org = await api(sandbox.url, body.access_token as string, {
      method: "GET",
      path: "/api/v2/organizations/me",
    });
    expect(org.status).toBe(200);
    expect(org.body.thirdPartyOrgName).toBe("acme-eu");
  });

  it("refuses a wrong secret with the token-endpoint error shape", async () => {
    const { status, body } = await postToken(sandbox.url, {
      clientId: ACME.clientId,
      clientSecret: "wrong-secret-wrong-secret",
      form: { grant_type: "client_credentials" },
    });
    expect(status).toBe(401);
    expect(body).toEqual({
      error: "invalid_client",
      description: "authentication failed",
      error_description: "authentication failed",
    });
  });

  it("refuses unknown grant types and grant types the client is not registered for", async () => {
    const unknown = await postToken(sandbox.url, {
      clientId: ACME.clientId,
      clientSecret: ACME.clientSecret,
      form: { grant_type: "magic" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("unsupported_grant_type");
    const wrong = await postToken(sandbox.url, {
      clientId: ACME.clientId,
      clientSecret: ACME.clientSecret,
      form: {
        grant_type: "urn:ietf:params:oauth:grant-type:saml2-bearer",
        orgName: "acme-eu",
        assertion: "PA==",
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("unauthorized_client");
    expect(wrong.body.description).toMatch(/CLIENT-CREDENTIALS/);
  });

  it("requires a form-encoded body with grant_type", async () => {
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
    const missing = await postToken(sandbox.url, {
      clientId: ACME.clientId,
      clientSecret: ACME.clientSecret,
      form: {},
    });
    expect(missing.body).toMatchObject({ error: "invalid_request", description: "grant_type is required" });
  });

  it("throttles the token endpoint as Genesys does: 400 invalid_request, rate limit exceeded", async () => {
    const statuses: number[] = [];
    let last: Record<string, unknown> = {};
    for (let i = 0; i < 8; i += 1) {
      const { status, body } = await postToken(sandbox.url, {
        clientId: ACME.clientId,
        clientSecret: ACME.clientSecret,
        form: { grant_type: "client_credentials" },
      });
      statuses.push(status);
      last = body;
    }
    expect(statuses).toContain(400);
    expect(last).toEqual({
      error: "invalid_request",
      description: "rate limit exceeded",
      error_description: "rate limit exceeded",
    });
  });
});
