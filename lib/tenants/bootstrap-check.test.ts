import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapClientOf, defaultGenesysSeed, startGenesysCloudSandbox, type RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { checkBootstrapCredentials } from "./bootstrap-check";

let sandbox: RunningGenesysSandbox;
beforeAll(async () => {
  sandbox = await startGenesysCloudSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe("checkBootstrapCredentials", () => {
  it("reports the org the bootstrap client belongs to", async () => {
    const client = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
    const result = await checkBootstrapCredentials({ loginBaseUrl: sandbox.url, apiBaseUrl: sandbox.url, bootstrapClientId: client.clientId, bootstrapClientSecret: client.clientSecret });
    expect(result).toEqual({ ok: true, orgName: expect.any(String), orgShortName: "acme-eu" });
  });

  it("turns a wrong secret into the operator message, not an exception", async () => {
    const client = bootstrapClientOf(defaultGenesysSeed, "acme-eu");
    const result = await checkBootstrapCredentials({ loginBaseUrl: sandbox.url, apiBaseUrl: sandbox.url, bootstrapClientId: client.clientId, bootstrapClientSecret: "not-the-secret" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/rejected the OAuth client ID or secret/);
    expect(JSON.stringify(result)).not.toContain("not-the-secret");
  });

  it("names the field when the target is unusable", async () => {
    const result = await checkBootstrapCredentials({ region: "mars-north-1", bootstrapClientId: "id", bootstrapClientSecret: "secret" });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^region: unknown Genesys Cloud region "mars-north-1"/) });
  });
});

describe("deploymentFormSchema", () => {
  it("refuses an unparsable GAX URL with a message instead of throwing, and hands a good one to the domain schema", async () => {
    const { deploymentFormSchema } = await import("./deployment-form");
    const bad = deploymentFormSchema.safeParse({ name: "", layout: "multi-tenant", gaxBaseUrl: "", gaxUsername: "", gaxPassword: "" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["gaxBaseUrl", "must be an http(s) URL such as http://gax.example:8080"]]);
    const good = deploymentFormSchema.safeParse({ name: "", layout: "multi-tenant", gaxBaseUrl: "http://gax.example:8080", gaxUsername: "u", gaxPassword: "p" });
    expect(good.error?.issues.map((issue) => issue.path.join("."))).toEqual(["name"]);
  });
});
