import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit/record";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import {
  BOOTSTRAP_SECRET,
  tenantSecretRef,
  CLIENT_CREDENTIALS_CLIENT,
  EWT_CLIENT,
  SAML2_BEARER_CLIENT,
} from "@/lib/provisioning";
import { applicableStepCount, startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { sealSecret } from "@/lib/secrets/store";
import { createUser } from "@/lib/users/manage-users";
import { uniqueEmail } from "@/test/support/db";

let kit: ProvisioningKit;
const operator = uniqueEmail("doctor-operator");

beforeAll(async () => {
  kit = await startProvisioningKit();
  const account = { email: operator, name: operator, role: "operator" as const, password: "a-long-password-1" };
  await createUser(kit.db, { actor: systemActor }, account);
});
afterAll(() => kit.close());

const doctor = (...args: string[]) => runCliProcess(["doctor", ...args, "--deployment", kit.deployment.name]);

/** Takes one permission away from the admin role the bootstrap client holds (read back with wildcards expanded). */
async function removeFromAdmin(permission: string) {
  const org = await kit.genesysOrg();
  const admin = org.roles.find((role) => role.defaultRoleId === "admin")!;
  const path = `/api/v2/authorization/roles/${admin.id}`;
  const { body } = await kit.genesysApi("GET", path);
  const [domain, entityName, action] = permission.split(":");
  const held = body.permissionPolicies as { domain: string; entityName: string; actionSet: string[] }[];
  const permissionPolicies = held.map((policy) =>
    policy.domain === domain && policy.entityName === entityName
      ? { ...policy, actionSet: policy.actionSet.filter((candidate) => candidate !== action) }
      : policy,
  );
  const answer = await kit.genesysApi("PUT", path, { name: admin.name, permissionPolicies });
  expect(answer.status).toBe(200);
}

describe("cli doctor", { timeout: 120_000 }, () => {
  it("exits 0 when the bootstrap client holds everything the steps need, and says so", async () => {
    const run = await doctor("--tenant", "Acme", "--as", operator);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^doctor .*\/Acme: bootstrap client \S+ in org acme-eu \(Acme Europe\)$/m);
    expect(run.stdout).toMatch(/✓ signs in and reads the org\n {2}✓ reads its own roles: admin\n/);
    // Every step but the additional admin users (none listed for this tenant).
    expect(run.stdout).toContain(
      `✓ holds every permission and role the ${await applicableStepCount(kit.db, kit.tenant.id)} steps that apply need`,
    );
  });

  it("exits 1 naming a missing permission, the steps needing it and how to grant it, in lines and JSON", async () => {
    await removeFromAdmin("oauth:client:add");
    const writesBefore = (await kit.genesysWrites()).length;

    const run = await doctor("--tenant", "Acme", "--as", operator);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "✗ The bootstrap client lacks the permission oauth:client:add, needed by " +
        '"PureEngage Client Credentials client", "Agent Pacing Service (ewt) client", "SAML2 Bearer client" ' +
        "(POST /api/v2/oauth/clients).",
    );
    expect(run.stdout).toContain(
      "To fix: in Genesys Cloud Admin > Roles/Permissions, add oauth:client:add to a role the bootstrap client has " +
        "(it has: admin).",
    );

    const json = await doctor("--tenant", "Acme", "--as", operator, "--json");
    expect(json.code).toBe(1);
    type Gap = { permission: string; steps: { key: string }[] };
    type Result = { ok: boolean; org: { shortName: string }; access: { missingPermissions: Gap[] } };
    const result = JSON.parse(json.stdout) as Result;
    expect(result.ok).toBe(false);
    expect(result.org.shortName).toBe("acme-eu");
    expect(result.access.missingPermissions.map((gap) => [gap.permission, gap.steps.map((step) => step.key)])).toEqual([
      ["oauth:client:add", [CLIENT_CREDENTIALS_CLIENT, EWT_CLIENT, SAML2_BEARER_CLIENT]],
    ]);
    // Read-only: nothing was written to the org.
    expect(await kit.genesysWrites()).toHaveLength(writesBefore);
  });

  it("records each check in the audit log under the named account, with what was missing", async () => {
    const where = { action: "tenant.diagnose", targetId: kit.tenant.id };
    const events = await kit.db.auditEvent.findMany({ where, orderBy: { seq: "asc" } });
    const missing = (details: unknown) => (details as { missingPermissions: string[] }).missingPermissions;
    expect(events.map((event) => [event.actorEmail, event.outcome, missing(event.details)])).toEqual([
      [operator, "success", []],
      [operator, "failure", ["oauth:client:add"]],
      [operator, "failure", ["oauth:client:add"]],
    ]);
  });

  it("needs --tenant (usage error, exit 2) and an account to act as", async () => {
    const usage = await doctor("--as", operator);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--tenant <name>/);
    const unknown = await doctor("--tenant", "Nobody", "--as", operator);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no tenant named "Nobody"/);
  });
});

describe("cli doctor with a bootstrap secret the org no longer accepts", { timeout: 60_000 }, () => {
  it("exits 1 saying the client cannot be checked and why", async () => {
    await sealSecret(kit.db, {
      ref: tenantSecretRef(kit.tenant.id, BOOTSTRAP_SECRET),
      value: "a-secret-that-was-rotated-away",
    });
    const run = await doctor("--tenant", "Acme", "--as", operator);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ cannot check the client: Genesys Cloud rejected the OAuth client ID or secret/);
    expect(run.stdout).not.toContain("a-secret-that-was-rotated-away");
    const where = { action: "tenant.diagnose", targetId: kit.tenant.id };
    const event = await kit.db.auditEvent.findFirstOrThrow({ where, orderBy: { seq: "desc" } });
    expect(event.outcome).toBe("failure");
    const reason = expect.stringMatching(/rejected the OAuth client/);
    expect(event.details).toMatchObject({ missingPermissions: [], reason });
  });
});
