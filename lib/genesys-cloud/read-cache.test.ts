import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { withReadCache } from "./read-cache";
import { acmeOrg, clientFor, failureOf, resetSandbox, sandboxRequests, setFaults, startSandbox } from "./test-support";

const ADMIN_ROLE = acmeOrg.roles[0]!.id;
const HOME = acmeOrg.divisions[0]!.id;
const newClient = (name: string) => ({
  name,
  authorizedGrantType: "CLIENT-CREDENTIALS" as const,
  roleDivisions: [{ roleId: ADMIN_ROLE, divisionId: HOME }],
});

describe("a client with a read cache", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => resetSandbox(sandbox));
  afterAll(() => sandbox.close());

  const apiRequests = async () =>
    (await sandboxRequests(sandbox))
      .filter((request) => request.path.startsWith("/api/"))
      .map((request) => `${request.method} ${request.path}`);

  it("reads the org, the Home division, a role list and the client list once, however often asked", async () => {
    const gc = withReadCache(clientFor(sandbox));
    const query = { defaultRoleId: ["admin", "employee"] };
    for (let round = 0; round < 3; round += 1) {
      await Promise.all([gc.getOrganization(), gc.getHomeDivision(), gc.listRoles(query), gc.listOAuthClients()]);
    }
    expect((await gc.listRoles(query)).entities.map((role) => role.defaultRoleId).sort()).toEqual([
      "admin",
      "employee",
    ]);
    expect((await apiRequests()).sort()).toEqual([
      "GET /api/v2/authorization/divisions/home",
      "GET /api/v2/authorization/roles",
      "GET /api/v2/oauth/clients",
      "GET /api/v2/organizations/me",
    ]);
  });

  it("gives each caller its own copy, so one caller's changes do not leak to the next", async () => {
    const gc = withReadCache(clientFor(sandbox));
    (await gc.listOAuthClients()).pop();
    (await gc.getOrganization()).name = "changed by a caller";
    expect(await gc.listOAuthClients()).toHaveLength(acmeOrg.oauthClients.length);
    expect((await gc.getOrganization()).name).toBe(acmeOrg.name);
  });

  it("keeps the client list current with its own creates, updates and deletes, without the secret", async () => {
    const gc = withReadCache(clientFor(sandbox));
    const before = await gc.listOAuthClients();
    const created = await gc.createOAuthClient(newClient("Cached"));
    const afterCreate = await gc.listOAuthClients();
    expect(afterCreate.map((client) => client.id)).toEqual([...before.map((client) => client.id), created.id]);
    expect(afterCreate.at(-1)).toMatchObject({ name: "Cached" });
    expect(afterCreate.at(-1)).not.toHaveProperty("secret");

    await gc.updateOAuthClient(created.id, { ...newClient("Cached (renamed)"), accessTokenValiditySeconds: 3600 });
    expect((await gc.listOAuthClients()).at(-1)).toMatchObject({
      id: created.id,
      name: "Cached (renamed)",
      accessTokenValiditySeconds: 3600,
    });
    await gc.deleteOAuthClient(created.id);
    expect((await gc.listOAuthClients()).map((client) => client.id)).toEqual(before.map((client) => client.id));
    // One read of the list; what it holds afterwards equals what the org holds.
    expect((await apiRequests()).filter((request) => request === "GET /api/v2/oauth/clients")).toHaveLength(1);
    expect(await gc.listOAuthClients()).toEqual(await clientFor(sandbox).listOAuthClients());
  });

  it("keeps a role list current with its own role update", async () => {
    const gc = withReadCache(clientFor(sandbox));
    const query = { defaultRoleId: ["employee"] };
    const employee = (await gc.listRoles(query)).entities[0]!;
    const policies = [
      ...employee.permissionPolicies,
      { domain: "journey", entityName: "session", actionSet: ["view"] },
    ];
    await gc.updateRole(employee.id, { name: employee.name, permissionPolicies: policies });
    const cached = (await gc.listRoles(query)).entities[0]!;
    expect(cached.permissionPolicies).toContainEqual(
      expect.objectContaining({ domain: "journey", entityName: "session", actionSet: ["view"] }),
    );
    expect((await apiRequests()).filter((request) => request === "GET /api/v2/authorization/roles")).toHaveLength(1);
  });

  it("forgets the client list after a write that failed, since it may have happened", async () => {
    const gc = withReadCache(clientFor(sandbox, undefined, { retry: { maxAttempts: 1 } }));
    await gc.listOAuthClients();
    await setFaults(sandbox, { path: "/api/v2/oauth/clients", method: "POST", dropRate: 1, limit: 1 });
    const failure = await failureOf(gc.createOAuthClient(newClient("Maybe created")));
    expect(failure.outcomeUnknown).toBe(true);
    expect((await gc.listOAuthClients()).map((client) => client.name)).toContain("Maybe created");
    expect((await apiRequests()).filter((request) => request === "GET /api/v2/oauth/clients")).toHaveLength(2);
  });

  it("does not keep a failed read", async () => {
    const gc = withReadCache(clientFor(sandbox, undefined, { retry: { maxAttempts: 1 } }));
    await setFaults(sandbox, { path: "/api/v2/organizations/me", errorRate: 1, errorStatuses: [503], limit: 1 });
    expect((await failureOf(gc.getOrganization())).status).toBe(503);
    expect((await gc.getOrganization()).id).toBe(acmeOrg.id);
  });
});
