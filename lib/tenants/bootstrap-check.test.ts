import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "@/test/support/free-port";
import {
  bootstrapClientOf,
  defaultGenesysSeed,
  startGenesysCloudSandbox,
  type RunningGenesysSandbox,
} from "@/sandbox/genesys-cloud";
import type { TenantView } from "@/lib/provisioning";
import { checkBootstrapCredentials, diagnoseBootstrapClient } from "./bootstrap-check";

let sandbox: RunningGenesysSandbox;
beforeAll(async () => {
  sandbox = await startGenesysCloudSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe("checkBootstrapCredentials", () => {
  it("reports the org the bootstrap client belongs to", async () => {
    const client = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
    const result = await checkBootstrapCredentials({
      loginBaseUrl: sandbox.url,
      apiBaseUrl: sandbox.url,
      bootstrapClientId: client.clientId,
      bootstrapClientSecret: client.clientSecret,
    });
    expect(result).toEqual({
      ok: true,
      orgId: expect.any(String),
      orgName: expect.any(String),
      orgShortName: "acme-eu",
    });
  });

  it("turns a wrong secret into the operator message, not an exception", async () => {
    const client = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
    const result = await checkBootstrapCredentials({
      loginBaseUrl: sandbox.url,
      apiBaseUrl: sandbox.url,
      bootstrapClientId: client.clientId,
      bootstrapClientSecret: "not-the-secret",
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/rejected the OAuth client ID or secret/);
    expect(JSON.stringify(result)).not.toContain("not-the-secret");
  });

  it("names the field when the target is unusable", async () => {
    const result = await checkBootstrapCredentials({
      region: "mars-north-1",
      bootstrapClientId: "id",
      bootstrapClientSecret: "secret",
    });
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^region: unknown Genesys Cloud region "mars-north-1"/),
    });
  });
});

describe("where checkBootstrapCredentials may send the credentials", () => {
  const credentials = { bootstrapClientId: "some-client", bootstrapClientSecret: "some-secret-value" };

  /** A host that is not Genesys Cloud: answers every request with a page of its own, and records what it received. */
  async function foreignHost() {
    const received: string[] = [];
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push(`${request.method} ${request.url} ${request.headers.authorization ?? ""} ${body}`);
        response
          .writeHead(404, { "Content-Type": "text/html" })
          .end("<html>internal admin console: db-password=hunter2</html>");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("sends nothing to custom base URLs unless the server allows them, and says which fields", async () => {
    const host = await foreignHost();
    vi.stubEnv("GENESYS_CUSTOM_BASE_URLS", "off");
    try {
      await expect(
        checkBootstrapCredentials({ loginBaseUrl: host.url, apiBaseUrl: host.url, ...credentials }),
      ).rejects.toMatchObject({
        code: "invalid_input",
        fieldErrors: {
          loginBaseUrl: [expect.stringMatching(/GENESYS_CUSTOM_BASE_URLS=on/)],
          apiBaseUrl: [expect.any(String)],
        },
      });
      expect(host.received).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      await host.close();
    }
  });

  it("the doctor of a tenant registered with base URLs sends nothing once they are no longer allowed", async () => {
    const host = await foreignHost();
    vi.stubEnv("GENESYS_CUSTOM_BASE_URLS", "off");
    try {
      const tenant = {
        target: { loginBaseUrl: host.url, apiBaseUrl: host.url },
        bootstrapClientId: "some-client",
      } as TenantView;
      await expect(diagnoseBootstrapClient(tenant, "some-secret-value")).rejects.toMatchObject({
        code: "invalid_input",
        fieldErrors: { loginBaseUrl: [expect.stringMatching(/GENESYS_CUSTOM_BASE_URLS=on/)] },
      });
      expect(host.received).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
      await host.close();
    }
  });

  it("never calls a link-local or metadata address, even with custom base URLs allowed", async () => {
    for (const url of ["http://169.254.169.254", "http://[fe80::1]:8080", "http://100.100.100.200"]) {
      await expect(
        checkBootstrapCredentials({ loginBaseUrl: url, apiBaseUrl: url, ...credentials }),
      ).rejects.toMatchObject({
        fieldErrors: { loginBaseUrl: [expect.stringMatching(/link-local or cloud metadata/)] },
      });
    }
  });

  it("never repeats what a foreign host answered", async () => {
    const host = await foreignHost();
    try {
      const result = await checkBootstrapCredentials({ loginBaseUrl: host.url, apiBaseUrl: host.url, ...credentials });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toMatch(/hunter2|admin console|html/);
    } finally {
      await host.close();
    }
  });

  it("gives the same answer for a closed port as for a host that does not answer", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const quiet = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const [refused, timedOut] = await Promise.all([
        checkBootstrapCredentials({ loginBaseUrl: closed, apiBaseUrl: closed, ...credentials }, { timeoutMs: 500 }),
        checkBootstrapCredentials({ loginBaseUrl: quiet, apiBaseUrl: quiet, ...credentials }, { timeoutMs: 500 }),
      ]);
      const generic = (result: typeof refused) =>
        !result.ok ? result.message.replace(/127\.0\.0\.1:\d+/, "HOST") : "";
      expect(generic(refused)).toBe(generic(timedOut));
      expect(generic(refused)).toMatch(/^Could not reach Genesys Cloud at HOST .* or it did not answer in time/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
