import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningGenesysSandbox } from "@/sandbox/genesys-cloud";
import { acmeOrg, auditorClient, clientFor, failureOf, resetSandbox, startSandbox } from "../test-support";

const EMPLOYEE = acmeOrg.roles[1]!.id;

describe("role endpoints", () => {
  let sandbox: RunningGenesysSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  beforeEach(() => resetSandbox(sandbox));
  afterAll(() => sandbox.close());

  it("pages with the Platform API envelope", async () => {
    const page = await clientFor(sandbox).listRoles({ pageSize: 2 });
    expect(page).toMatchObject({ pageSize: 2, pageNumber: 1, total: 3, pageCount: 2 });
    expect(page.entities).toHaveLength(2);
    expect(page.nextUri).toBe("/api/v2/authorization/roles?pageSize=2&pageNumber=2");
    const last = await clientFor(sandbox).listRoles({ pageSize: 2, pageNumber: 2 });
    expect(last.entities).toHaveLength(1);
    expect(last.nextUri).toBeUndefined();
  });

  it("filters by name (not exact), defaultRoleId, id and permission; findRoleByName is exact", async () => {
    const gc = clientFor(sandbox);
    expect((await gc.listRoles({ name: "ADM" })).entities.map((r) => r.name)).toEqual(["admin"]);
    expect((await gc.listRoles({ defaultRoleId: ["employee", "admin"] })).entities.map((r) => r.name)).toEqual([
      "admin",
      "employee",
    ]);
    expect((await gc.listRoles({ id: [EMPLOYEE] })).entities.map((r) => r.name)).toEqual(["employee"]);
    expect((await gc.listRoles({ permission: ["oauth:client:add"] })).entities.map((r) => r.name)).toEqual(["admin"]);
    expect(await gc.findRoleByName("Read-only")).toBeNull();
    expect((await gc.findRoleByName("Read-only auditor"))?.id).toBe(acmeOrg.roles[2]!.id);
    expect((await gc.findRoleByDefaultId("employee"))?.id).toBe(EMPLOYEE);
  });

  it("returns wildcards expanded into explicit entities and actions", async () => {
    const admin = await clientFor(sandbox).getRole(acmeOrg.roles[0]!.id);
    const oauth = admin.permissionPolicies.find((p) => p.domain === "oauth");
    expect(oauth).toMatchObject({ entityName: "client", actionSet: ["view", "add", "edit", "delete", "authorize"] });
    expect(admin.permissionPolicies.some((p) => p.entityName === "*" || p.actionSet.includes("*"))).toBe(false);
  });

  it("updates a role's permission policies, expanding wildcards it was sent", async () => {
    const gc = clientFor(sandbox);
    const updated = await gc.updateRole(EMPLOYEE, {
      name: "employee",
      description: "Default role",
      permissionPolicies: [
        { domain: "journey", entityName: "actionmap", actionSet: ["view"] },
        { domain: "journey", entityName: "segment", actionSet: ["*"] },
      ],
    });
    expect(updated.permissionPolicies).toEqual([
      expect.objectContaining({ domain: "journey", entityName: "actionmap", actionSet: ["view"] }),
      expect.objectContaining({
        domain: "journey",
        entityName: "segment",
        actionSet: ["view", "add", "edit", "delete"],
      }),
    ]);
    expect((await gc.getRole(EMPLOYEE)).description).toBe("Default role");
  });

  it("refuses unknown actions naming the field, unknown roles with 404 and callers without authorization:role:edit", async () => {
    const gc = clientFor(sandbox);
    const bad = await failureOf(
      gc.updateRole(EMPLOYEE, {
        name: "employee",
        permissionPolicies: [{ domain: "journey", entityName: "actionmap", actionSet: ["fly"] }],
      }),
    );
    expect(bad).toMatchObject({
      status: 400,
      code: "invalid.value",
      messageParams: { field: "permissionPolicies[0].actionSet" },
    });
    expect(await failureOf(gc.getRole("00000000-0000-4000-8000-000000000000"))).toMatchObject({
      status: 404,
      code: "not.found",
    });
    const denied = await failureOf(
      auditorClient(sandbox).updateRole(EMPLOYEE, { name: "employee", permissionPolicies: [] }),
    );
    expect(denied).toMatchObject({
      status: 403,
      code: "missing.permissions",
      messageParams: { permissions: "[authorization:role:edit]" },
    });
    expect(await failureOf(gc.listRoles({ pageSize: 0 }))).toMatchObject({
      status: 400,
      code: "invalid.value",
      messageParams: { field: "pageSize" },
    });
  });
});
