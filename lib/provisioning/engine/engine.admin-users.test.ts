import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTenant, verifyTenant, type RunReport } from "./engine";
import { startProvisioningKit, type ProvisioningKit } from "../test-support";
import { ADMIN_USERS } from "../model/step-keys";

const ORG_USERS = 20_000;
const NEW_ADMIN = { name: "New Admin", email: "New.Admin@acme-eu.example.com" };

let kit: ProvisioningKit;
beforeAll(async () => {
  kit = await startProvisioningKit({
    settings: { adminUsers: [NEW_ADMIN] },
    editGenesysOrg: (org) => {
      const home = org.divisions.find((division) => division.homeDivision)!.id;
      for (let n = 1; n <= ORG_USERS; n += 1) {
        const id = `5${String(n).padStart(7, "0")}-0000-4000-8000-000000000000`;
        org.users!.push({ id, name: `Agent ${n}`, email: `agent${n}@acme-eu.example.com`, divisionId: home });
      }
    },
  });
}, 120_000);
afterAll(() => kit.close());

const stepOf = (report: RunReport) => report.steps.find((step) => step.stepKey === ADMIN_USERS);

/** The Platform API requests the sandbox answered while the admin-users step of this run was running. */
async function stepRequests(report: RunReport) {
  const step = await kit.db.stepRun.findFirstOrThrow({ where: { runId: report.runId, stepKey: ADMIN_USERS } });
  const since = await kit.genesysRequestsSince(step.startedAt);
  const during = since.filter((request) => new Date(request.at) <= step.finishedAt!);
  // The client's own record of the step's calls agrees with what the sandbox answered.
  expect(during).toHaveLength((step.evidence as { calls: unknown[] }).calls.length);
  return during.map((request) => `${request.method} ${request.path.replace(/[0-9a-f-]{36}/, "{id}")}`);
}

describe("admin users in an org of 20,000 users", { timeout: 120_000 }, () => {
  it("are found by email with one search, not by listing the org's users: at most 3 calls for the step", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    expect(stepOf(report)).toMatchObject({ status: "succeeded", result: "updated" });
    expect(await stepRequests(report)).toEqual([
      "POST /api/v2/users/search",
      "POST /api/v2/users",
      "POST /api/v2/authorization/subjects/{id}/bulkadd",
    ]);

    const org = await kit.genesysOrg();
    const admin = org.roles.find((role) => role.defaultRoleId === "admin")!;
    const created = org.users.filter((user) => user.email.toLowerCase() === NEW_ADMIN.email.toLowerCase());
    expect(created).toHaveLength(1);
    expect(created[0]!.grants.map((grant) => grant.roleId)).toContain(admin.id);
  });

  it("verify on its own reads the admin role, searches once and reads the grants: 3 calls", async () => {
    const report = await verifyTenant(kit.tenant.id, kit.engine, ADMIN_USERS);
    expect(report.steps[0]!.verification).toEqual({ status: "ok", differences: [] });
    expect(await stepRequests(report)).toEqual([
      "GET /api/v2/authorization/roles",
      "POST /api/v2/users/search",
      "GET /api/v2/authorization/subjects/{id}",
    ]);
  });

  it("apply again changes nothing: one search and one read of the grants", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(stepOf(report)).toMatchObject({ status: "succeeded", result: "unchanged" });
    expect(await stepRequests(report)).toEqual([
      "POST /api/v2/users/search",
      "GET /api/v2/authorization/subjects/{id}",
    ]);
  });
});
