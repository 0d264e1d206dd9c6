import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedChainStatus } from "@/lib/audit/chain-status";
import { applyTenant, CONNECT_ORG } from "@/lib/provisioning";
import { startProvisioningKit, type ProvisioningKit } from "@/lib/provisioning/test-support";
import { createAppServer, type AppServerOptions } from "@/lib/runtime/http-server";
import { registerDatabaseGauges } from "./database-gauges";
import { appRoutePatterns, routeMatcher } from "./route-patterns";
import { parsePrometheusText, type Family } from "./testing/prometheus-text";

const token = "metrics-token-for-the-test-0123456789";
const servers: ReturnType<typeof createAppServer>[] = [];
let kit: ProvisioningKit;
let checkpoints: string;

async function serve(options: Partial<AppServerOptions> = {}) {
  const server = createAppServer((_request, response) => void response.end("page"), {
    trustProxy: false,
    routeOf: routeMatcher(appRoutePatterns(join(process.cwd(), "app"))),
    ...options,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  checkpoints = mkdtempSync(join(tmpdir(), "hp-metrics-"));
  process.env.AUDIT_CHECKPOINT_FILE = join(checkpoints, "audit-checkpoints.jsonl");
  kit = await startProvisioningKit();
  registerDatabaseGauges(kit.db, { cacheMs: 0, chainWaitMs: 20_000 });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await kit?.close();
  rmSync(checkpoints, { recursive: true, force: true });
});

const value = (family: Family | undefined, labels: Record<string, string> = {}) =>
  family?.samples
    .filter((sample) => sample.name === family.name || sample.name === `${family.name}_count`)
    .filter((sample) => Object.entries(labels).every(([name, wanted]) => sample.labels[name] === wanted))
    .reduce((sum, sample) => sum + sample.value, 0);

describe("/metrics", () => {
  it("does not exist without METRICS_TOKEN: a bare 404", async () => {
    const base = await serve();
    const response = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("refuses a missing or wrong token with 401", async () => {
    const base = await serve({ metricsToken: token });
    const wrong = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe("");
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
  });

  it("serves every metric family in valid exposition format after an apply, labelled without ids", async () => {
    const report = await applyTenant(kit.tenant.id, kit.engine);
    expect(report.status).toBe("succeeded");
    const base = await serve({ metricsToken: token });
    expect((await fetch(`${base}/tenants/${kit.tenant.id}`)).status).toBe(200);

    const response = await fetch(`${base}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const families = parsePrometheusText(text);
    const family = (name: string) => families.get(`hybrid_provisioner_${name}`);

    expect(text).not.toContain(kit.tenant.id);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(value(family("http_request_duration_seconds"), { route: "/tenants/[id]", status: "200" })).toBe(1);
    expect(value(family("runs_total"), { mode: "apply", outcome: "succeeded" })).toBe(1);
    expect(family("runs_total")!.type).toBe("counter");
    expect(value(family("step_duration_seconds"), { step: CONNECT_ORG, mode: "apply", outcome: "succeeded" })).toBe(1);
    expect(value(family("genesys_cloud_requests_total"), { method: "POST", status: "200" })).toBeGreaterThan(0);
    const genesysPaths = family("genesys_cloud_requests_total")!.samples.map((sample) => sample.labels.path);
    expect(genesysPaths).toContain("/api/v2/oauth/clients/{id}");
    expect(value(family("genesys_cloud_requests_total"), { path: "/oauth/token", status: "200" })).toBeGreaterThan(0);
    expect(value(family("gax_requests_total"), { path: "/session/login", status: "204" })).toBeGreaterThan(0);
    expect(value(family("gax_requests_total"), { path: "/cfg/objects", method: "POST" })).toBe(1);
    for (const name of ["genesys_cloud_throttled_total", "genesys_cloud_retries_total", "gax_retries_total"])
      expect(family(name)?.type).toBe("counter");
    expect(value(family("tenants"))).toBeGreaterThanOrEqual(1);
    expect(value(family("tenants"), { status: "done" })).toBeGreaterThanOrEqual(1);
    expect(value(family("tenants_drifted"))).toBeGreaterThanOrEqual(0);
    // The first expiry of the whole installation (other test files share this database), in days from now.
    const { _min } = await kit.db.tenant.aggregate({ _min: { certificateExpiresAt: true } });
    const firstExpiryDays = (_min.certificateExpiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(value(family("certificate_expiry_days"))).toBeCloseTo(firstExpiryDays, 1);
    expect(value(family("runs_queued"))).toBeGreaterThanOrEqual(0);
    expect(value(family("runs_oldest_queued_age_seconds"))).toBeGreaterThanOrEqual(0);
    expect(family("queue_jobs_waiting")?.type).toBe("gauge");
    expect(family("queue_oldest_job_age_seconds")?.type).toBe("gauge");
    // The process's shared chain check, which the gauge reports (other test files write to this database meanwhile).
    const chain = await sharedChainStatus(kit.db);
    expect(value(family("audit_chain_ok"))).toBe(chain.report.ok ? 1 : 0);
    expect(value(family("process_cpu_user_seconds_total"))).toBeGreaterThan(0);
    expect(value(family("http_request_duration_seconds"), { route: "/metrics", status: "401" })).toBeGreaterThan(0);
  }, 120_000);
});
