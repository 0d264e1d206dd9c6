// The permissions table against the sandbox: exactly its permissions are enough for the whole procedure, and without
// any one of them the doctor names it and apply stops at step 1 before anything is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGenesysCloudClient, TokenCache } from "@/lib/genesys-cloud";
import { openSecret } from "@/lib/secrets/store";
import { runBootstrapDoctor } from "@/lib/tenants/bootstrap-doctor";
import type { GenesysSandboxSeedInput } from "@/sandbox/genesys-cloud";
import { makeCertificate } from "@/sandbox/genesys-cloud/saml-test-fixture";
import { applicableStepRefs, catalogue } from "../catalogue";
import { applyTenant, planTenant, type RunReport } from "../engine/engine";
import { preflightBootstrapClient, preflightPassed } from "./preflight";
import { permissionsOf, STEP_ACCESS } from "./required-permissions";
import { BOOTSTRAP_SECRET, tenantSecretRef } from "../model/secret-refs";
import { loadTenantView, type TenantView } from "../model/tenant-view";
import { startProvisioningKit, testAudit, withoutUnusedServiceSteps, type ProvisioningKit } from "../test-support";
import {
  ADMIN_USERS,
  CLIENT_CREDENTIALS_CLIENT,
  CONNECT_ORG,
  EMPLOYEE_ROLE,
  EWT_CLIENT,
  NETWORK_ALLOW_LIST,
} from "../model/step-keys";

type GenesysOrgSeedInput = GenesysSandboxSeedInput["orgs"][number];

const EVERY_PERMISSION = permissionsOf(Object.keys(STEP_ACCESS));
const SECOND_ADMINS = [{ name: "Second Admin", email: "second.admin@acme-eu.example.com" }];

/** Role policies granting exactly these permissions, one policy per domain and entity. */
function policiesFor(permissions: string[]) {
  const byEntity = new Map<string, { domain: string; entityName: string; actionSet: string[] }>();
  for (const permission of permissions) {
    const [domain = "", entityName = "", action = ""] = permission.split(":");
    const policy = byEntity.get(`${domain}:${entityName}`) ?? { domain, entityName, actionSet: [] };
    policy.actionSet.push(action);
    byEntity.set(`${domain}:${entityName}`, policy);
  }
  return [...byEntity.values()];
}

/** The org's admin role, which the bootstrap client holds, grants exactly the table's permissions. */
function adminWithTablePermissions(org: GenesysOrgSeedInput) {
  const admin = org.roles!.find((role) => role.defaultRoleId === "admin")!;
  admin.permissionPolicies = policiesFor(EVERY_PERMISSION);
}

/** The bootstrap client holds a custom role with every permission of the table, but not the admin role. */
function customRoleInsteadOfAdmin(org: GenesysOrgSeedInput) {
  const id = "90000000-0000-4000-8000-200000000009";
  const permissionPolicies = policiesFor(EVERY_PERMISSION);
  org.roles!.push({ id, name: "Provisioner", description: "Exactly the table", permissionPolicies });
  org.oauthClients![0]!.roleDivisions = [{ roleId: id, divisionId: org.divisions![0]!.id }];
}

/**
 * Apply stopped at the connect step: every later step that needs it is recorded as not run; only the network
 * allow-list, which needs nothing of the org and writes nothing to it, still runs.
 */
function expectStoppedAtStepOne(report: RunReport, permission = "") {
  const failed = { stepKey: CONNECT_ORG, status: "failed", error: { code: "precondition_failed" } };
  expect(report.steps[0], permission).toMatchObject(failed);
  const ran = report.steps.slice(1).filter((step) => step.status !== "not-run" && step.status !== "skipped");
  expect(
    ran.map((step) => step.stepKey),
    permission,
  ).toEqual([NETWORK_ALLOW_LIST]);
  expect(report.status).toBe("failed");
}

describe("the table", () => {
  it("has an entry for every step of the catalogue, and a source for every permission", () => {
    expect(Object.keys(STEP_ACCESS).sort()).toEqual(catalogue.map((step) => step.key).sort());
    for (const access of Object.values(STEP_ACCESS)) {
      for (const need of access.uses) expect(need.source).toMatch(/^SDK docs \w+Api\.md, \w+$/);
    }
  });
});

describe("a bootstrap client whose admin role holds exactly the table's permissions", { timeout: 180_000 }, () => {
  let kit: ProvisioningKit;
  let adminRoleId: string;
  beforeAll(async () => {
    kit = await startProvisioningKit({
      settings: { adminUsers: SECOND_ADMINS },
      editGenesysOrg: adminWithTablePermissions,
    });
    adminRoleId = (await kit.genesysOrg()).roles.find((role) => role.defaultRoleId === "admin")!.id;
  });
  afterAll(() => kit.close());

  const resetOrg = () => fetch(`${kit.genesys.url}/__sandbox/reset`, { method: "POST" });
  const removeFromAdmin = async (...removed: string[]) => {
    const answer = await kit.genesysApi("PUT", `/api/v2/authorization/roles/${adminRoleId}`, {
      name: "admin",
      description: "Full administrative access",
      permissionPolicies: policiesFor(EVERY_PERMISSION.filter((candidate) => !removed.includes(candidate))),
    });
    expect(answer.status).toBe(200);
  };
  /** Sends a call of the table as the bootstrap client, with real ids in the path. */
  const callAsBootstrap = async (call: string) => {
    const [method = "", rawPath = ""] = call.split(" ");
    const org = await kit.genesysOrg();
    const path = rawPath
      .replace("{clientId}", org.oauthClients[0]!.id)
      .replace("{roleId}", adminRoleId)
      .replace("{subjectId}", org.users[0]!.id)
      .replace("?id=...", "");
    return kit.genesysApi(method, path, method === "GET" ? undefined : {});
  };

  it("with any one permission removed: the doctor names it, and apply stops at step 1 before any write", async () => {
    for (const permission of EVERY_PERMISSION) {
      await resetOrg();
      await removeFromAdmin(permission);
      const writesBefore = (await kit.genesysWrites()).length;

      const doctor = await runBootstrapDoctor(kit.db, testAudit, kit.tenant.id);
      expect(doctor.ok, permission).toBe(false);
      expect(
        doctor.access?.missingPermissions.map((gap) => gap.permission),
        permission,
      ).toEqual([permission]);
      expect(doctor.access?.missingRoles).toEqual([]);

      const report = await applyTenant(kit.tenant.id, kit.engine);
      expectStoppedAtStepOne(report, permission);
      const { message } = report.steps[0]!.error!;
      expect(message).toContain(permission);
      expect(message).toMatch(/^Nothing was changed\. /);
      expect(message).toMatch(/Roles\/Permissions, add \S+ to a role the bootstrap client has|not read its own roles/);
      expect(await kit.genesysWrites(), permission).toHaveLength(writesBefore);
    }
  });

  it("and the sandbox refuses each call of the table without the permission the SDK docs name for it", async () => {
    const { certificatePem } = makeCertificate();
    const uses = Object.values(STEP_ACCESS).flatMap((access) => access.uses);
    const callsNeeding = (permission: string) =>
      new Set(uses.filter((need) => need.permission === permission).map((need) => need.call));
    for (const permission of EVERY_PERMISSION) {
      await resetOrg();
      const calls = callsNeeding(permission);
      if ([...calls].some((call) => call.endsWith("(update)"))) {
        const provider = { name: "existing", issuerURI: "urn:existing", certificate: certificatePem };
        expect((await kit.genesysApi("PUT", "/api/v2/identityproviders/pureengage", provider)).status).toBe(200);
      }
      await removeFromAdmin(permission);
      for (const call of calls) {
        const answer = await callAsBootstrap(call);
        expect([call, answer.status, answer.body.code]).toEqual([call, 403, "missing.permissions"]);
        expect(answer.body.message).toContain(permission);
      }
    }
  });

  it("counts only the steps that apply to the tenant", async () => {
    await resetOrg();
    await removeFromAdmin("authorization:role:edit", "directory:user:add");
    const view = await loadTenantView(kit.db, kit.tenant.id);
    const clientSecret = (await openSecret(kit.db, tenantSecretRef(kit.tenant.id, BOOTSTRAP_SECRET)))!;
    const credentials = { clientId: view.bootstrapClientId, clientSecret };
    const genesys = createGenesysCloudClient(view.target, credentials, { tokenCache: new TokenCache() });
    const missingFor = async (tenant: TenantView) => {
      const report = await preflightBootstrapClient(genesys, tenant, applicableStepRefs(tenant));
      return report.missingPermissions.map((gap) => [gap.permission, gap.steps.map((step) => step.key)]);
    };

    expect(await missingFor(view)).toEqual([
      ["authorization:role:edit", [EMPLOYEE_ROLE]],
      ["directory:user:add", [ADMIN_USERS]],
    ]);
    const withoutPredictiveEngagement = {
      ...view,
      services: view.services.filter((key) => key !== "predictive-engagement"),
    };
    expect(await missingFor(withoutPredictiveEngagement)).toEqual([["directory:user:add", [ADMIN_USERS]]]);
    const withoutAdminUsers = { ...withoutPredictiveEngagement, settings: { ...view.settings, adminUsers: [] } };
    const report = await preflightBootstrapClient(genesys, withoutAdminUsers, applicableStepRefs(withoutAdminUsers));
    expect(preflightPassed(report)).toBe(true);
    expect(report.checkedSteps).not.toContain(ADMIN_USERS);
    expect(report.checkedSteps).not.toContain(EMPLOYEE_ROLE);
  });

  it("shows what is missing in connect-org's plan, with what to do", async () => {
    await resetOrg();
    await removeFromAdmin("sso:provider:add");
    const plan = await planTenant(kit.tenant.id, kit.engine);
    expect(plan.steps[0]!.stepKey).toBe(CONNECT_ORG);
    expect(plan.steps[0]!.plan?.notices).toEqual([
      "The bootstrap client lacks the permission sso:provider:add, needed by " +
        '"PureEngage identity provider" (PUT /api/v2/identityproviders/pureengage (create)).',
      "To fix: in Genesys Cloud Admin > Roles/Permissions, add sso:provider:add to a role the bootstrap client has " +
        "(it has: admin). Changes can take a few minutes to take effect; then try again.",
    ]);
  });

  it("with the permissions added back, plans without notices and applies the whole procedure", async () => {
    await resetOrg();
    const doctor = await runBootstrapDoctor(kit.db, testAudit, kit.tenant.id);
    const roles = [{ id: adminRoleId, name: "admin" }];
    const access = { missingPermissions: [], missingRoles: [], roles };
    expect(doctor).toMatchObject({ ok: true, problems: [], access });
    const plan = await planTenant(kit.tenant.id, kit.engine);
    expect(plan.steps[0]!.plan?.notices).toBeUndefined();
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(
      withoutUnusedServiceSteps(report.steps, kit.tenant.services).filter((step) => step.status !== "succeeded"),
    ).toEqual([]);
    expect(report.status).toBe("succeeded");
  });
});

describe("a bootstrap client with every permission of the table but not the admin role", { timeout: 60_000 }, () => {
  let kit: ProvisioningKit;
  beforeAll(async () => {
    kit = await startProvisioningKit({ editGenesysOrg: customRoleInsteadOfAdmin });
  });
  afterAll(() => kit.close());

  it("is told that it must hold the admin role it would grant; apply stops at step 1 before any write", async () => {
    const doctor = await runBootstrapDoctor(kit.db, testAudit, kit.tenant.id);
    expect(doctor.access?.missingPermissions).toEqual([]);
    expect(doctor.access?.missingRoles).toEqual([
      {
        role: "admin",
        steps: [
          { key: CLIENT_CREDENTIALS_CLIENT, title: "PureEngage Client Credentials client" },
          { key: EWT_CLIENT, title: "Agent Pacing Service (ewt) client" },
        ],
      },
    ]);
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expectStoppedAtStepOne(report);
    expect(report.steps[0]!.error!.message).toMatch(
      /does not hold the admin role.*only roles it holds itself.*OAuth, give the bootstrap client the admin role/,
    );
    expect(await kit.genesysWrites()).toEqual([]);
  });
});
