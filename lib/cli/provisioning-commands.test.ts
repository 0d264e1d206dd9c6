import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliAccounts } from "./testing/accounts";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { TENANT_ISOLATION } from "@/lib/provisioning";
import { applicableStepCount, startProvisioningKit } from "@/lib/provisioning/test-support";

let kit: Awaited<ReturnType<typeof startProvisioningKit>>;
const accounts = cliAccounts("cli");
const { operator, viewer } = accounts;

beforeAll(async () => {
  kit = await startProvisioningKit();
  await accounts.create(kit.db);
});
afterAll(() => kit.close());

const cli = (...args: string[]) => runCliProcess([...args, "--deployment", kit.deployment.name]);

describe("cli plan, apply, verify and tenants list", { timeout: 180_000 }, () => {
  it("plans with exit 3, refuses a viewer's apply, applies as an operator, then plans and verifies clean", async () => {
    const plan = await cli("plan", "--tenant", "Acme", "--as", operator);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(3);
    expect(plan.stdout).toMatch(/^plan .*\/Acme: succeeded/m);
    expect(plan.stdout).toMatch(/create/);

    const refused = await cli("apply", "--tenant", "Acme", "--as", viewer);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the viewer role of .* does not allow provisioning\.run/);

    const apply = await cli("apply", "--tenant", "Acme", "--as", operator, "--json");
    expect(apply.code).toBe(0);
    const [entry] = JSON.parse(apply.stdout) as {
      report: { status: string; steps: { stepKey: string; status: string }[] };
    }[];
    expect(entry!.report.status).toBe("succeeded");

    const again = await cli("plan", "--tenant", "Acme", "--as", operator);
    expect(again.code, again.stdout).toBe(0);

    const verify = await cli("verify", "--tenant", "Acme", "--as", operator);
    expect(verify.code, verify.stdout).toBe(0);

    // Every run is recorded under the named account (the viewer's refused apply never started one).
    const runs = await kit.db.run.findMany({ where: { tenantId: kit.tenant.id }, select: { requestedBy: true } });
    expect(runs.length).toBe(4);
    expect(new Set(runs.map((run) => run.requestedBy))).toEqual(new Set([operator]));
  });

  it("lists tenants as JSON with their org once connected", async () => {
    const list = await runCliProcess(["tenants", "list", "--as", viewer, "--json"]);
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { deployment: string; tenant: string; org: string | null }[];
    expect(rows).toContainEqual(
      expect.objectContaining({ deployment: kit.deployment.name, tenant: "Acme", org: kit.orgShortName }),
    );
  });

  it("needs --tenant or --all for verify (usage error), and an account to act as", async () => {
    const usage = await cli("verify", "--as", operator);
    expect(usage.code).toBe(2);
    const anonymous = await runCliProcess(["plan", "--tenant", "Acme"], { env: { ...process.env, HP_CLI_USER: "" } });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/--as EMAIL or HP_CLI_USER/);
  });
});

describe("cli apply of a tenant whose isolation check waits for a sample agent", { timeout: 180_000 }, () => {
  let waiting: Awaited<ReturnType<typeof startProvisioningKit>>;
  beforeAll(async () => {
    waiting = await startProvisioningKit({ isolationAgent: false });
  });
  afterAll(() => waiting.close());

  it("prints the step that needs input apart from failures, runs the steps that do not depend on it, and exits 3", async () => {
    const apply = await runCliProcess([
      "apply",
      "--tenant",
      "Acme",
      "--deployment",
      waiting.deployment.name,
      "--as",
      operator,
    ]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(3);
    expect(apply.stdout).toMatch(/^apply .*\/Acme: needs-input /m);
    expect(apply.stdout).toContain('  ? Tenant isolation check: needs input: Enter a sample agent of tenant "Acme"');
    expect(apply.stdout).toMatch(/^ {2}checked End-to-end smoke test/m);
    expect(apply.stdout).not.toContain("✗");

    const list = await runCliProcess(["tenants", "list", "--as", operator]);
    // Every step that applies is done but the isolation check, which waits for a sample agent.
    const done = (await applicableStepCount(waiting.db, waiting.tenant.id)) - 1;
    expect(list.stdout).toMatch(
      new RegExp(`^${waiting.deployment.name} / Acme .* steps done: ${done}, needs input: ${TENANT_ISOLATION}$`, "m"),
    );
  });
});
