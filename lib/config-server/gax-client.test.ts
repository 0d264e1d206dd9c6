import { afterEach, describe, expect, it } from "vitest";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startTestSandbox } from "@/sandbox/gax/sandbox-test-kit";
import { GaxClient } from "./gax-client";

let kit: Awaited<ReturnType<typeof startTestSandbox>> | undefined;
afterEach(async () => {
  await kit?.sandbox.close();
  kit = undefined;
});

async function adminClient() {
  kit = await startTestSandbox();
  const baseUrl = kit.sandbox.deploymentUrls.multi as string;
  return new GaxClient({
    baseUrl,
    username: SANDBOX_ADMIN.username,
    password: SANDBOX_ADMIN.password,
    passwordIsEncrypted: false,
    timeoutMs: 5_000,
  });
}

const paths = async () =>
  (await kit!.control.state()).requests.map((entry) => `${entry.method} ${entry.path.split("?")[0]}`);

describe("GAX client sessions", () => {
  it("signs in with one call and reads with the session it got, without checking it first", async () => {
    const client = await adminClient();
    expect(await client.signIn()).toEqual({ username: SANDBOX_ADMIN.username });
    await client.request("GET", "cfg/objects", { query: { type: "CfgTenant", name: "Acme" } });
    expect(await paths()).toEqual(["POST /session/login", "GET /cfg/objects"]);
  });

  it("renews a session that expired after sign-in on the first read, and signs out", async () => {
    const client = await adminClient();
    await client.signIn();
    await kit!.control.faults({ expireSessionsNow: true });
    const tenants = await client.request<unknown[]>("GET", "cfg/objects", {
      query: { type: "CfgTenant", name: "Acme" },
    });
    expect(tenants).toHaveLength(1);
    await client.signOut();
    expect(await paths()).toEqual([
      "POST /session/login",
      "GET /cfg/objects",
      "POST /session/login",
      "GET /cfg/objects",
      "POST /session/logout",
    ]);
    expect(
      (await kit!.control.state()).deployments.find((deployment) => deployment.name === "multi")?.openSessions,
    ).toBe(0);
  });
});
