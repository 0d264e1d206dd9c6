import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "@/test/support/until";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { cliAccounts } from "./testing/accounts";
import { runCliProcess } from "./testing/run-cli";

let kit: ProvisioningKit;
const { operator, create } = cliAccounts("cli-kill");
// The default lease (RUN_LEASE_SECONDS unset): a dead CLI frees its tenant within it. Read once the kit has set
// DATABASE_URL.
const cliEnv = () => ({ ...process.env, RUN_LEASE_SECONDS: undefined });
const DEFAULT_LEASE_MS = 30_000;

beforeAll(async () => {
  kit = await startProvisioningKit();
  await create(kit.db);
});
afterAll(() => kit.close());

const applyArgs = () => ["apply", "--tenant", "Acme", "--deployment", kit.deployment.name, "--as", operator];
const genesysLatency = (latencyMs: number) =>
  fetch(`${kit.genesys.url}/__sandbox/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(latencyMs ? { rules: [{ latencyMs }] } : {}),
  });

describe("a cli apply killed with SIGKILL mid-run", { timeout: 240_000 }, () => {
  it("frees its tenant within the default lease; the next apply takes over and finishes where the records stopped", async () => {
    // Slow answers, so the kill lands mid-run.
    expect((await genesysLatency(700)).status).toBe(200);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...applyArgs()], {
      env: cliEnv(),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await until(async () => (await kit.genesysWrites()).length >= 2 || child.exitCode !== null, {
      timeoutMs: 120_000,
      what: "two writes",
    });
    expect(child.exitCode).toBeNull();
    child.kill("SIGKILL");
    await exited;
    const killedAt = Date.now();
    const dead = await kit.db.run.findFirstOrThrow({ where: { tenantId: kit.tenant.id, status: "running" } });
    expect(dead.leaseExpiresAt.getTime()).toBeGreaterThan(killedAt);
    expect(dead.leaseExpiresAt.getTime()).toBeLessThanOrEqual(killedAt + DEFAULT_LEASE_MS);
    await genesysLatency(0);

    const meanwhile = await runCliProcess(applyArgs(), { env: cliEnv() });
    if (Date.now() < dead.leaseExpiresAt.getTime()) {
      expect(meanwhile.code).toBe(1);
      expect(meanwhile.stderr).toMatch(/Another apply run of .* is in progress/);
    }
    await until(async () => Date.now() > dead.leaseExpiresAt.getTime(), { timeoutMs: DEFAULT_LEASE_MS, what: "lease" });
    // Nothing renewed the dead run's lease after the kill.
    expect((await kit.db.run.findUniqueOrThrow({ where: { id: dead.id } })).leaseExpiresAt).toEqual(
      dead.leaseExpiresAt,
    );

    const next = await runCliProcess([...applyArgs(), "--json"], { env: cliEnv() });
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    const [entry] = JSON.parse(next.stdout) as { report: { status: string; steps: { status: string }[] } }[];
    expect(entry!.report.status).toBe("succeeded");
    expect((await kit.db.run.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("abandoned");
    // Resumed, not redone: no client was created twice.
    const names = (await kit.genesysOrg()).oauthClients.map((client) => client.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
