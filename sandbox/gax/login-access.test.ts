import { afterEach, describe, expect, it } from "vitest";
import {
  defaultGaxSeed,
  SANDBOX_ADMIN,
  SANDBOX_AGENT_PASSWORD,
  SANDBOX_AGENT_WITHOUT_ACCESS as NO_ACCESS,
  SANDBOX_DEFAULT_USER,
} from "./default-seed";
import { rawGaxSession, startTestSandbox } from "./sandbox-test-kit";
import { parseGaxSeed, type GaxSandboxSeed } from "./seed-schema";

type Obj = Record<string, unknown> & { dbid: string };
type MultiSeed = GaxSandboxSeed["deployments"][number];
type AclEntrySeed = NonNullable<MultiSeed["acl"]>[number];

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function start(change: (multi: MultiSeed) => void = () => undefined) {
  const seed = structuredClone(defaultGaxSeed);
  change(seed.deployments[0]!);
  const kit = await startTestSandbox({ seed });
  close = kit.sandbox.close;
  return kit;
}

async function login(url: string, username: string, password = SANDBOX_AGENT_PASSWORD) {
  const response = await fetch(`${url}/gax/api/session/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password, isPasswordEncrypted: false }),
  });
  const text = await response.text();
  const body = (text ? JSON.parse(text) : undefined) as { message: string } | undefined;
  return { status: response.status, body, cookie: response.headers.get("set-cookie") };
}

const GAX_APPLICATION = { type: "CfgApplication" as const, tenant: "Environment", name: "GAX" };
const isApplicationEntryOf = (tenant: string) => (entry: AclEntrySeed) =>
  entry.on.type === "CfgApplication" && "tenant" in entry.account && entry.account.tenant === tenant;

describe("who may sign in to GAX: Read and Execute on the GAX application, Read on the own Person", () => {
  it("keeps the GAX application object in Environment's Applications folder", async () => {
    const { sandbox } = await start();
    const admin = await rawGaxSession(sandbox.url, SANDBOX_ADMIN);
    const [application] = (await admin.get<Obj[]>("cfg/objects?type=CfgApplication&name=GAX")).body;
    expect(application).toMatchObject({ type: "CfgApplication", name: "GAX" });
    expect(application!.subtype).toBe("CFGGenesysAdministratorServer");
    const folder = (await admin.get<Obj>(`cfg/objects/CfgFolder/${String(application!.folderid)}`)).body;
    expect(folder).toMatchObject({ name: "Applications", ownerdbid: "1", subtype: "CFGApplication" });
  });

  it("admits the default account, the administrator and the tenants' agents of the default seed", async () => {
    const { sandbox } = await start();
    expect((await login(sandbox.url, SANDBOX_DEFAULT_USER.username, SANDBOX_DEFAULT_USER.password)).status).toBe(204);
    expect((await login(sandbox.url, SANDBOX_ADMIN.username, SANDBOX_ADMIN.password)).status).toBe(204);
    for (const agent of ["acme.agent1", "globex.agent2", "initech.agent1"]) {
      expect((await login(sandbox.url, agent)).status).toBe(204);
    }
    const single = await rawGaxSession(sandbox.deploymentUrls.single!, SANDBOX_ADMIN);
    expect((await single.get("user/info")).status).toBe(200);
  });

  it("refuses, with 403 and no session, a person without either right, and says what is missing", async () => {
    const { sandbox } = await start();
    expect(await login(sandbox.url, NO_ACCESS.username)).toEqual({
      status: 403,
      body: {
        status: 403,
        message:
          'User "acme.noaccess" may not sign in to GAX: ' +
          'it lacks Read and Execute on the application "GAX" and Read on its own Person',
      },
      cookie: null,
    });
  });

  it("still answers a wrong password with 401, before looking at rights", async () => {
    const { sandbox } = await start();
    expect((await login(sandbox.url, NO_ACCESS.username, "wrong-pass")).status).toBe(401);
  });

  it("needs Execute as well as Read on the application", async () => {
    const { sandbox } = await start((multi) => {
      multi.acl!.find(isApplicationEntryOf("Globex"))!.mask = 1;
    });
    expect((await login(sandbox.url, "globex.agent1")).body?.message).toBe(
      'User "globex.agent1" may not sign in to GAX: it lacks Read and Execute on the application "GAX"',
    );
    expect((await login(sandbox.url, "acme.agent1")).status).toBe(204);
  });

  it("needs Read on the person's own Person object", async () => {
    const { sandbox } = await start((multi) => {
      // The access group's Read on the tenant no longer reaches acme.agent2's Person.
      const users = { accessGroup: "Users", tenant: "Acme" };
      multi.acl!.push({ on: { type: "CfgPerson", tenant: "Acme", name: "acme.agent2" }, account: users, mask: 0 });
    });
    expect(await login(sandbox.url, "acme.agent2")).toMatchObject({
      status: 403,
      body: { message: 'User "acme.agent2" may not sign in to GAX: it lacks Read on its own Person' },
    });
  });

  it("admits a person once granted both rights", async () => {
    const { sandbox } = await start((multi) => {
      const person = { person: NO_ACCESS.username };
      multi.acl!.push(
        { on: GAX_APPLICATION, account: person, mask: 1 | 8 },
        { on: { type: "CfgPerson", tenant: "Acme", name: NO_ACCESS.username }, account: person, mask: 1 },
      );
    });
    expect((await login(sandbox.url, NO_ACCESS.username)).status).toBe(204);
  });

  it("names the application of the seed setting", async () => {
    const { sandbox } = await start((multi) => {
      multi.gaxApplication = "GAX_Prod";
      multi.acl = multi.acl!.map((entry) =>
        entry.on.type === "CfgApplication" ? { ...entry, on: { ...entry.on, name: "GAX_Prod" } } : entry,
      );
    });
    expect((await login(sandbox.url, "acme.agent1")).status).toBe(204);
    expect((await login(sandbox.url, NO_ACCESS.username)).body?.message).toMatch(
      /lacks Read and Execute on the application "GAX_Prod"/,
    );
  });

  it("rejects a seed entry on an application other than the GAX application", () => {
    const seed = structuredClone(defaultGaxSeed);
    const onOther = { type: "CfgApplication" as const, tenant: "Acme", name: "GAX" };
    seed.deployments[0]!.acl!.push({ on: onOther, account: { person: "acme.agent1" }, mask: 9 });
    const rule = /deployments\.0\.acl\.\d+\.on: the only application is "GAX" in Environment/;
    expect(() => parseGaxSeed(seed)).toThrow(rule);
  });
});
