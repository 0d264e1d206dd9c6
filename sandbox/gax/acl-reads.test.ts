import { afterEach, describe, expect, it } from "vitest";
import { defaultGaxSeed, SANDBOX_ADMIN, SANDBOX_AGENT_PASSWORD, SANDBOX_DEFAULT_USER } from "./default-seed";
import { rawGaxSession, startTestSandbox } from "./sandbox-test-kit";
import type { GaxSandboxSeed } from "./seed-schema";

type Obj = Record<string, unknown> & { dbid: string };
type AclEntrySeed = NonNullable<GaxSandboxSeed["deployments"][number]["acl"]>[number];

const transactionIn = (tenant: string) => ({
  tenant,
  name: "hybrid_integration",
  alias: "hybrid_integration",
  userProperties: { saml: { pkey: `${tenant}-key` } },
});

/** The default seed with hybrid_integration in every tenant of "multi", plus extra ACL entries. */
function seedWith(extraAcl: AclEntrySeed[]): GaxSandboxSeed {
  const seed = structuredClone(defaultGaxSeed);
  const multi = seed.deployments[0]!;
  multi.transactions = ["Acme", "Globex", "Initech"].map(transactionIn);
  multi.acl = [...(multi.acl ?? []), ...extraAcl];
  return seed;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function sessions(seed: GaxSandboxSeed) {
  const { sandbox } = await startTestSandbox({ seed });
  close = sandbox.close;
  const as = (username: string, password = SANDBOX_AGENT_PASSWORD) =>
    rawGaxSession(sandbox.url, { username, password });
  const visibleTenants = async (username: string, password?: string) => {
    const session = await as(username, password);
    const { body } = await session.get<Obj[]>("cfg/objects?type=CfgTransaction&name=hybrid_integration");
    return body.map((object) => object.tenantdbid).sort();
  };
  return { as, visibleTenants };
}

const globexUsersRead = (on: AclEntrySeed["on"], mask: number): AclEntrySeed => ({
  on,
  account: { accessGroup: "Users", tenant: "Globex" },
  mask,
});

describe("reads honour the signed-in person's effective permissions", () => {
  it("shows an agent only its own tenant's objects; administrators and the default account see all", async () => {
    const { as, visibleTenants } = await sessions(seedWith([]));
    expect(await visibleTenants("acme.agent1")).toEqual(["101"]);
    expect(await visibleTenants("globex.agent2")).toEqual(["102"]);
    expect(await visibleTenants(SANDBOX_ADMIN.username, SANDBOX_ADMIN.password)).toEqual(["101", "102", "103"]);
    const defaultUser = await as(SANDBOX_DEFAULT_USER.username, SANDBOX_DEFAULT_USER.password);
    expect((await defaultUser.get<Obj[]>("cfg/objects?type=CfgTransaction")).body).toHaveLength(3);
  });

  it("hides unreadable objects on read by DBID and refuses writes without the permission bit", async () => {
    const { as } = await sessions(seedWith([]));
    const admin = await as(SANDBOX_ADMIN.username, SANDBOX_ADMIN.password);
    const [globexObject] = (await admin.get<Obj[]>("cfg/objects?type=CfgTransaction&tenantdbid=102")).body;
    const acmeAgent = await as("acme.agent1");
    expect((await acmeAgent.get(`cfg/objects/CfgTransaction/${globexObject!.dbid}`)).status).toBe(404);
    const [acmeObject] = (await acmeAgent.get<Obj[]>("cfg/objects?type=CfgTransaction")).body;
    const change = await acmeAgent.put<{ message: string }>(
      `cfg/objects/CfgTransaction/${acmeObject!.dbid}`,
      acmeObject,
    );
    expect(change).toMatchObject({ status: 403, body: { message: expect.stringMatching(/Change permission/) } });
    const create = await acmeAgent.post("cfg/objects", {
      type: "CfgTransaction",
      subtype: "CFGTRTList",
      name: "x",
      alias: "x",
      tenantdbid: "101",
    });
    expect(create.status).toBe(403);
  });

  it("propagates a folder entry to the objects in it", async () => {
    const { visibleTenants } = await sessions(
      seedWith([globexUsersRead({ type: "CfgFolder", tenant: "Acme", name: "Transactions" }, 1)]),
    );
    expect(await visibleTenants("globex.agent1")).toEqual(["101", "102"]);
    expect(await visibleTenants("initech.agent1")).toEqual(["103"]);
  });

  it("does not propagate an entry with bit 128 (it applies to the folder only)", async () => {
    const { as, visibleTenants } = await sessions(
      seedWith([globexUsersRead({ type: "CfgFolder", tenant: "Acme", name: "Transactions" }, 128 | 1)]),
    );
    expect(await visibleTenants("globex.agent1")).toEqual(["102"]);
    const folders = await (
      await as("globex.agent1")
    ).get<Obj[]>("cfg/objects?type=CfgFolder&name=Transactions&ownerdbid=101");
    expect(folders.body).toHaveLength(1);
  });

  it("lets an entry on the object itself override what it inherits", async () => {
    const { visibleTenants } = await sessions(
      seedWith([
        {
          on: { type: "CfgTransaction", tenant: "Acme", name: "hybrid_integration" },
          account: { accessGroup: "Users", tenant: "Acme" },
          mask: 0,
        },
      ]),
    );
    expect(await visibleTenants("acme.agent1")).toEqual([]);
  });

  it("grants a person's own entry and its access groups' entries together", async () => {
    const { visibleTenants } = await sessions(
      seedWith([{ on: { type: "CfgTenant", tenant: "Initech" }, account: { person: "acme.agent2" }, mask: 1 }]),
    );
    expect(await visibleTenants("acme.agent2")).toEqual(["101", "103"]);
    expect(await visibleTenants("acme.agent1")).toEqual(["101"]);
  });
});
