import { afterEach, describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_ADMIN } from "./default-seed";
import { obscureGaxPassword } from "./obscure-password";
import { rawGaxSession, startTestSandbox } from "./sandbox-test-kit";

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function start(seed = defaultGaxSeed) {
  const kit = await startTestSandbox({ seed });
  close = kit.sandbox.close;
  return kit;
}

const login = (url: string, body: unknown) =>
  fetch(`${url}/gax/api/session/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("GAX session", () => {
  it("answers cfg/schema without a session and 401 elsewhere", async () => {
    const { sandbox } = await start();
    expect(await (await fetch(`${sandbox.url}/gax/api/cfg/schema`)).json()).toEqual({ isEnabled: true });
    const info = await fetch(`${sandbox.url}/gax/api/user/info`);
    expect(info.status).toBe(401);
    expect(await info.json()).toMatchObject({ status: 401, message: expect.any(String) });
    expect((await fetch(`${sandbox.url}/gax/api/cfg/objects?type=CfgTenant`)).status).toBe(401);
  });

  it("signs in with 204 and a JSESSIONID cookie; user/info describes the user; logout ends the session", async () => {
    const { sandbox } = await start();
    const response = await login(sandbox.url, { ...SANDBOX_ADMIN, isPasswordEncrypted: false });
    expect(response.status).toBe(204);
    expect(response.headers.get("set-cookie")).toMatch(/^JSESSIONID=[0-9a-f]+; Path=\/gax; HttpOnly/);
    const session = await rawGaxSession(sandbox.url, SANDBOX_ADMIN);
    expect((await session.get("user/info")).body).toEqual({
      username: SANDBOX_ADMIN.username,
      userType: "CONFIG_SERVER",
      sessionTimeout: 1800,
      isDefaultUser: false,
      writeDefault: false,
    });
    expect((await session.post("session/logout", {})).status).toBe(204);
    expect((await session.get("user/info")).status).toBe(401);
  });

  it("refuses a wrong password and names a missing field", async () => {
    const { sandbox } = await start();
    expect((await login(sandbox.url, { username: SANDBOX_ADMIN.username, password: "wrong" })).status).toBe(401);
    const missing = await login(sandbox.url, { password: "x" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toMatch(/^username: /);
  });

  it("serves each deployment under its own base path with its own sessions", async () => {
    const { sandbox } = await start();
    expect(Object.keys(sandbox.deploymentUrls)).toEqual(["multi", "single", "single-resources"]);
    const single = await rawGaxSession(sandbox.deploymentUrls.single!, SANDBOX_ADMIN);
    const tenants = await single.get<{ name: string }[]>("cfg/objects?type=CfgTenant");
    expect(tenants.body.map((tenant) => tenant.name)).toEqual(["Environment"]);
    const multiWithSingleCookie = await fetch(`${sandbox.deploymentUrls.multi}/gax/api/user/info`, {
      headers: { cookie: single.cookie },
    });
    expect(multiWithSingleCookie.status).toBe(401);
    expect((await fetch(`${sandbox.url}/nowhere/gax/api/cfg/schema`)).status).toBe(404);
  });

  it("accepts only the obscured password in encrypted-only mode", async () => {
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments[0]!.passwordMode = "encrypted-only";
    const { sandbox } = await start(seed);
    const plain = await login(sandbox.url, { ...SANDBOX_ADMIN, isPasswordEncrypted: false });
    expect(plain.status).toBe(401);
    expect((await plain.json()).message).toMatch(/^isPasswordEncrypted: /);
    expect((await login(sandbox.url, { ...SANDBOX_ADMIN, isPasswordEncrypted: true })).status).toBe(401);
    const obscured = await login(sandbox.url, {
      username: SANDBOX_ADMIN.username,
      password: obscureGaxPassword(SANDBOX_ADMIN.password),
      isPasswordEncrypted: true,
    });
    expect(obscured.status).toBe(204);
  });

  it("uses an obscured value given in the seed", async () => {
    const seed = structuredClone(defaultGaxSeed);
    seed.deployments[0]!.passwordMode = "encrypted-only";
    seed.deployments[0]!.persons![1]!.obscuredPassword = "copied-from-gax-ui";
    const { sandbox } = await start(seed);
    expect(
      (
        await login(sandbox.url, {
          username: SANDBOX_ADMIN.username,
          password: "copied-from-gax-ui",
          isPasswordEncrypted: true,
        })
      ).status,
    ).toBe(204);
  });
});
