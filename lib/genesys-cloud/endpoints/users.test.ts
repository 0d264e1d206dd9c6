import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { acmeOrg, auditorClient, clientFor, failureOf, resetSandbox, startSandbox } from "../test-support";

const HOME = acmeOrg.divisions[0]!.id;
const EMPLOYEE = acmeOrg.roles[1]!.id;
const AUDITOR = acmeOrg.roles[2]!.id;
const ADMIN = acmeOrg.roles[0]!.id;

describe("user and role grant endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => resetSandbox(sandbox));
  afterAll(() => sandbox.close());

  it("creates a user with the employee role, reads and lists users", async () => {
    const gc = clientFor(sandbox);
    const user = await gc.createUser({
      name: "GWS Service",
      email: "gws.service@acme-eu.example.com",
      divisionId: HOME,
      password: "S3cret-password!",
    });
    expect(user).toMatchObject({
      name: "GWS Service",
      email: "gws.service@acme-eu.example.com",
      state: "active",
      division: { id: HOME, name: "Home" },
      version: 1,
    });
    expect((await gc.getUser(user.id)).email).toBe("gws.service@acme-eu.example.com");
    const page = await gc.listUsers({ pageSize: 2 });
    expect(page).toMatchObject({ total: 3, pageCount: 2, pageSize: 2 });
    expect((await gc.listUsers({ id: [user.id] })).entities.map((u) => u.id)).toEqual([user.id]);
    expect((await gc.getSubject(user.id)).grants.map((g) => g.role.id)).toEqual([EMPLOYEE]);
  });

  it("finds users by exact email with the users search, whatever the case, and reads the search response", async () => {
    const gc = clientFor(sandbox);
    const emails = ["Alex.Agent@ACME-EU.example.com", "admin@acme-eu.example.com", "nobody@acme-eu.example.com"];
    const found = await gc.findUsersByEmail(emails);
    expect(found.map((user) => user.email).sort()).toEqual([emails[1], emails[0]!.toLowerCase()]);
    expect(await gc.findUsersByEmail([])).toEqual([]);
    const page = await gc.searchUsers({ pageSize: 1, query: [{ type: "CONTAINS", fields: ["email"], value: "acme" }] });
    expect(page).toMatchObject({ total: 2, pageCount: 2, pageSize: 1, pageNumber: 1, types: ["users"] });
    expect(page.results).toHaveLength(1);
    const tooLarge = await failureOf(gc.searchUsers({ pageSize: 1000 }));
    expect(tooLarge).toMatchObject({ status: 400, code: "invalid.value", messageParams: { field: "pageSize" } });
  });

  it("answers 409 general.conflict for an existing email, and names a bad division", async () => {
    const gc = clientFor(sandbox);
    const conflict = await failureOf(
      gc.createUser({ name: "Dup", email: "ALEX.AGENT@acme-eu.example.com", divisionId: HOME }),
    );
    expect(conflict).toMatchObject({ status: 409, code: "general.conflict" });
    expect(
      await failureOf(gc.createUser({ name: "X", email: "x@acme-eu.example.com", divisionId: "nope" })),
    ).toMatchObject({ code: "invalid.value", messageParams: { field: "divisionId" } });
    expect(await failureOf(gc.createUser({ name: "X", email: "not-an-email", divisionId: HOME }))).toMatchObject({
      code: "invalid.value",
      messageParams: { field: "email" },
    });
    expect(await failureOf(gc.getUser("00000000-0000-4000-8000-000000000000"))).toMatchObject({
      status: 404,
      code: "not.found",
    });
    expect(
      await failureOf(
        auditorClient(sandbox).createUser({ name: "X", email: "x@acme-eu.example.com", divisionId: HOME }),
      ),
    ).toMatchObject({ code: "missing.permissions" });
  });

  it("adds role grants in bulk, idempotently, and reads them back", async () => {
    const gc = clientFor(sandbox);
    const agent = acmeOrg.users[1]!.id;
    await gc.bulkAddRoleGrants(agent, [{ roleId: ADMIN, divisionId: HOME }]);
    await gc.bulkAddRoleGrants(agent, [{ roleId: ADMIN, divisionId: HOME }]);
    const subject = await gc.getSubject(agent);
    expect(subject.grants.map((g) => [g.role.name, g.division.name])).toEqual([
      ["employee", "Home"],
      ["admin", "Home"],
    ]);
  });

  it("refuses grants of roles the caller does not hold and unknown roles naming the field", async () => {
    const gc = clientFor(sandbox);
    const agent = acmeOrg.users[1]!.id;
    expect(await failureOf(gc.bulkAddRoleGrants(agent, [{ roleId: AUDITOR, divisionId: HOME }]))).toMatchObject({
      status: 403,
      code: "not.authorized",
    });
    expect(await failureOf(gc.bulkAddRoleGrants(agent, [{ roleId: "nope", divisionId: HOME }]))).toMatchObject({
      code: "invalid.value",
      messageParams: { field: "grants[0].roleId" },
    });
    expect(
      await failureOf(
        gc.bulkAddRoleGrants("00000000-0000-4000-8000-000000000000", [{ roleId: ADMIN, divisionId: HOME }]),
      ),
    ).toMatchObject({ status: 404 });
  });
});
