// Answers the sandbox never gives: a small real server that answers in the wrong shape.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGenesysCloudClient } from "./client";
import { OrgRateLimiter } from "./rate-limiter";
import { TokenCache } from "./token-cache";
import { failureOf } from "./test-support";

describe("answer validation", () => {
  let server: Server;
  let url: string;
  const answers: Record<string, string> = {
    "/oauth/token": JSON.stringify({ access_token: "t", token_type: "bearer", expires_in: 3600 }),
    "/api/v2/organizations/me": JSON.stringify({ id: "org-1", name: "Org", version: 3 }),
    "/api/v2/authorization/divisions/home": "<html>proxy error page</html>",
    "/api/v2/users/u1": JSON.stringify({
      id: "u1",
      name: "User",
      email: "u@example.test",
      futureField: { nested: true },
    }),
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = answers[req.url ?? ""];
      res
        .writeHead(body ? 200 : 404, { "Content-Type": "application/json", "ININ-Correlation-Id": "corr-1" })
        .end(body ?? "{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const client = () =>
    createGenesysCloudClient(
      { loginBaseUrl: url, apiBaseUrl: url },
      { clientId: "c", clientSecret: "s" },
      {
        tokenCache: new TokenCache(),
        limiter: new OrgRateLimiter({ allowedPerWindow: 60_000 }),
      },
    );

  it("reports a missing required field by name with the correlation id", async () => {
    const error = await failureOf(client().getOrganization());
    expect(error).toMatchObject({ code: "invalid.response", status: 200, correlationId: "corr-1", retryable: false });
    expect(error.message).toMatch(/thirdPartyOrgName/);
    expect(error.operatorMessage).toMatch(/unexpected shape \(thirdPartyOrgName: /);
  });

  it("reports an answer that is not JSON", async () => {
    expect(await failureOf(client().getHomeDivision())).toMatchObject({ code: "invalid.response" });
  });

  it("keeps fields it does not know", async () => {
    expect(await client().getUser("u1")).toMatchObject({ id: "u1", futureField: { nested: true } });
  });
});
