import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_ADMIN, SANDBOX_DEFAULT_USER } from "./default-seed";
import { rawGaxSession, startTestSandbox, type RawGaxSession } from "./sandbox-test-kit";

type Obj = Record<string, unknown> & { dbid: string };

let kit: Awaited<ReturnType<typeof startTestSandbox>>;
let admin: RawGaxSession;

async function folderOf(tenantDbid: string, subtype: string) {
  const folders = await admin.get<Obj[]>(
    `cfg/objects?type=CfgFolder&filters=${encodeURIComponent(`ownerdbid=${tenantDbid} AND subtype=${subtype}`)}`,
  );
  return folders.body[0]?.dbid as string;
}

function transaction(overrides: Record<string, unknown> = {}) {
  return {
    type: "CfgTransaction",
    subtype: "CFGTRTList",
    name: "routing",
    alias: "routing",
    tenantdbid: "101",
    userproperties: { property: [{ section: "general", key: "a", value: "1" }] },
    ...overrides,
  };
}

beforeAll(async () => {
  kit = await startTestSandbox();
});
afterAll(() => kit.sandbox.close());
beforeEach(async () => {
  await kit.control.reset();
  admin = await rawGaxSession(kit.sandbox.url, SANDBOX_ADMIN);
});

describe("cfg/objects follows Configuration Server rules", () => {
  it("creates with 201, string scalars, type/subtype and the tenant's default folder, and reads it back", async () => {
    const created = await admin.post<Obj>("cfg/objects", transaction());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: "CfgTransaction",
      subtype: "CFGTRTList",
      state: "CFGEnabled",
      tenantdbid: "101",
      recordperiod: "0",
    });
    expect(created.body.dbid).toMatch(/^\d+$/);
    expect(created.body.folderid).toBe(await folderOf("101", "CFGTransaction"));
    const read = await admin.get<Obj>(`cfg/objects/CfgTransaction/${created.body.dbid}`);
    expect(read).toEqual({ status: 200, body: created.body });
  });

  it("keeps names and aliases unique per type and tenant (409), but allows them in another tenant", async () => {
    await admin.post("cfg/objects", transaction());
    const sameName = await admin.post<{ message: string }>("cfg/objects", transaction({ alias: "other" }));
    expect(sameName.status).toBe(409);
    expect(sameName.body.message).toMatch(/^name: /);
    const sameAlias = await admin.post<{ message: string }>("cfg/objects", transaction({ name: "other" }));
    expect(sameAlias.status).toBe(409);
    expect(sameAlias.body.message).toMatch(/^alias: alias "routing" is already used by transaction "routing"/);
    expect((await admin.post("cfg/objects", transaction({ tenantdbid: "102" }))).status).toBe(201);
  });

  it("rejects a change of tenant or type, naming the attribute", async () => {
    const { body } = await admin.post<Obj>("cfg/objects", transaction());
    const moved = await admin.put<{ message: string }>(`cfg/objects/CfgTransaction/${body.dbid}`, {
      ...body,
      tenantdbid: "102",
      folderid: await folderOf("102", "CFGTransaction"),
    });
    expect(moved.status).toBe(400);
    expect(moved.body.message).toMatch(/^tenantdbid: cannot be changed/);
    const retyped = await admin.put<{ message: string }>(`cfg/objects/CfgTransaction/${body.dbid}`, {
      ...body,
      subtype: "CFGTRTMacro",
    });
    expect(retyped.body.message).toMatch(/^subtype: cannot be changed/);
    const otherClass = await admin.put<{ message: string }>(`cfg/objects/CfgFolder/${body.dbid}`, body);
    expect(otherClass.status).toBe(400);
    expect(otherClass.body.message).toMatch(/^type: cannot be changed/);
  });

  it("requires the folder to belong to the object's tenant and to hold its class", async () => {
    const foreign = await admin.post<{ message: string }>(
      "cfg/objects",
      transaction({ folderid: await folderOf("102", "CFGTransaction") }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(
      /^folderid: folder \d+ \("Transactions"\) belongs to tenant 102, not to tenant 101/,
    );
    const persons = await admin.post<{ message: string }>(
      "cfg/objects",
      transaction({ folderid: await folderOf("101", "CFGPerson") }),
    );
    expect(persons.body.message).toMatch(/^folderid: .* holds CFGPerson objects, not CFGTransaction/);
  });

  it("names the attribute in validation errors", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [transaction({ alias: undefined }), /^alias: /],
      [transaction({ tenantdbid: 101 }), /^tenantdbid: /],
      [transaction({ state: "enabled" }), /^state: /],
      [
        transaction({
          userproperties: {
            property: [
              { section: "s", key: "k", value: "1" },
              { section: "s", key: "k", value: "2" },
            ],
          },
        }),
        /^userproperties\.property\.1: key "s\/k" appears twice/,
      ],
      [transaction({ type: "CfgSwitch" }), /^type: unknown or unsupported object class "CfgSwitch"/],
      [transaction({ colour: "blue" }), /colour/],
      [transaction({ tenantdbid: "999" }), /^tenantdbid: no tenant with DBID 999/],
    ];
    for (const [body, message] of cases) {
      const response = await admin.post<{ status: number; message: string }>("cfg/objects", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.message).toMatch(message);
    }
  });

  it("replaces the whole object on update", async () => {
    const { body } = await admin.post<Obj>("cfg/objects", transaction());
    const updated = await admin.put<Obj>(`cfg/objects/CfgTransaction/${body.dbid}`, {
      ...body,
      userproperties: { property: [{ section: "x", key: "y", value: "z" }] },
    });
    expect(updated.status).toBe(200);
    const read = await admin.get<Obj>(`cfg/objects/CfgTransaction/${body.dbid}`);
    expect(read.body.userproperties).toEqual({ property: [{ section: "x", key: "y", value: "z" }] });
  });

  it("lists with name, attribute parameters, brief and AND/OR filters", async () => {
    await admin.post("cfg/objects", transaction());
    await admin.post("cfg/objects", transaction({ name: "second", alias: "second" }));
    await admin.post("cfg/objects", transaction({ tenantdbid: "102" }));
    const byName = await admin.get<Obj[]>("cfg/objects?type=CfgTransaction&name=routing&tenantdbid=101");
    expect(byName.body.map((object) => object.name)).toEqual(["routing"]);
    const filters = encodeURIComponent("name=second AND tenantdbid=101 OR name=routing AND tenantdbid=102");
    const filtered = await admin.get<Obj[]>(`cfg/objects?type=CfgTransaction&brief=true&filters=${filters}`);
    expect(filtered.body.map((object) => `${object.name}@${object.tenantdbid}`).sort()).toEqual([
      "routing@102",
      "second@101",
    ]);
    expect(Object.keys(filtered.body[0] ?? {})).not.toContain("userproperties");
    const unknown = await admin.get<{ message: string }>(
      `cfg/objects?type=CfgTransaction&filters=${encodeURIComponent("colour=blue")}`,
    );
    expect(unknown).toMatchObject({ status: 400, body: { message: 'filters: unknown attribute "colour"' } });
  });

  it("deletes objects, refuses to delete a folder that is not empty, and answers 404 for unknown DBIDs", async () => {
    const { body } = await admin.post<Obj>("cfg/objects", transaction());
    const folder = await admin.delete<{ message: string }>(`cfg/objects/CfgFolder/${body.folderid as string}`);
    expect(folder.status).toBe(409);
    expect((await admin.delete(`cfg/objects/CfgTransaction/${body.dbid}`)).status).toBe(204);
    expect((await admin.get(`cfg/objects/CfgTransaction/${body.dbid}`)).status).toBe(404);
    expect((await admin.delete(`cfg/objects/CfgFolder/${body.folderid as string}`)).status).toBe(204);
  });

  it("keeps the default account's full control when its password changes", async () => {
    const defaultUser = await rawGaxSession(kit.sandbox.url, SANDBOX_DEFAULT_USER);
    const [person] = (
      await defaultUser.get<Obj[]>(`cfg/objects?type=CfgPerson&username=${SANDBOX_DEFAULT_USER.username}`)
    ).body;
    expect(
      (await defaultUser.put(`cfg/objects/CfgPerson/${person!.dbid}`, { ...person, password: "changed-pass" })).status,
    ).toBe(200);
    const again = await rawGaxSession(kit.sandbox.url, {
      username: SANDBOX_DEFAULT_USER.username,
      password: "changed-pass",
    });
    expect((await again.get("user/info")).body).toMatchObject({ isDefaultUser: true });
  });

  it("creates persons with a write-only password, unique by user name, who sign in once granted access", async () => {
    const person = {
      type: "CfgPerson",
      tenantdbid: "101",
      username: "acme.agent3",
      password: "new-pass",
      isagent: "CFGTrue",
    };
    const created = await admin.post<Obj>("cfg/objects", person);
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty("password");
    // A new person has no rights: GAX refuses it until it joins an access group that may sign in.
    await expect(rawGaxSession(kit.sandbox.url, { username: "acme.agent3", password: "new-pass" })).rejects.toThrow(
      /answered 403/,
    );
    type Group = Obj & { memberids: { idtype: unknown[] } };
    const [users] = (await admin.get<Group[]>("cfg/objects?type=CfgAccessGroup&name=Users&tenantdbid=101")).body;
    users!.memberids.idtype.push({ dbid: created.body.dbid, type: "CFGPerson" });
    expect((await admin.put(`cfg/objects/CfgAccessGroup/${users!.dbid}`, users)).status).toBe(200);
    await expect(
      rawGaxSession(kit.sandbox.url, { username: "acme.agent3", password: "new-pass" }),
    ).resolves.toBeDefined();
    expect((await admin.post("cfg/objects", person)).status).toBe(409);
  });
});
