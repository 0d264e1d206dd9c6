// Benchmark: provision N tenants, each with its own Genesys Cloud org, against both sandboxes with latency injected
// and the 300/min per-token limit, C tenants at a time.
//
// Lower bound of the wall time (what the rate limits and the critical path allow):
//   per tenant t: L_t = max(calls_t / (limit / 60 s), sequential_calls_t x mean latency)
//     (calls_t: its Platform API calls, all made with one org's tokens; every call of a run is sequential, so the
//      sequential calls are its Platform API, token and GAX calls)
//   overall:      L = max(max_t L_t, sum_t L_t / C)
// Bound: wall time / L <= 1.25. Also printed: API calls per tenant against the minimum the procedure needs.
import type { AuditContext } from "@/lib/audit/record";
import { createDeployment } from "@/lib/provisioning/deployments";
import { applyTenant, completeStepManually } from "@/lib/provisioning/engine";
import { TENANT_ISOLATION } from "@/lib/provisioning/steps/tenant-isolation";
import { createTenant } from "@/lib/provisioning/tenants";
import { startGenesysCloudSandbox } from "@/sandbox/genesys-cloud";
import { startGaxSandbox } from "@/sandbox/gax";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startBenchDatabase } from "./database";
import { MINIMUM_CALLS, describeMinimum } from "./minimum-calls";
import { benchAgent, benchTenantName, gaxSeedWithTenants, genesysSeedWithOrgs } from "./seeds";

const TENANTS = Number(process.env.PROVISION_BENCH_TENANTS ?? 50);
const CONCURRENCY = Number(process.env.PROVISION_BENCH_CONCURRENCY ?? 10);
const LIMIT_PER_MINUTE = 300;
const GENESYS_LATENCY = { latencyMs: 20, jitterMs: 40 };
const GAX_LATENCY_MS = 40;
const MEAN_LATENCY_MS = GENESYS_LATENCY.latencyMs + GENESYS_LATENCY.jitterMs / 2;
const MAX_RATIO = 1.25;

const audit: AuditContext = { actor: { id: "bench", email: "bench@example.test", role: "operator" }, clientAddress: "127.0.0.1", userAgent: "bench/provision" };

interface TenantResult {
  name: string;
  status: string;
  apiCalls: number;
  failure?: string;
}

async function json<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

async function main(): Promise<number> {
  const { seed, orgs } = genesysSeedWithOrgs(TENANTS);
  const database = await startBenchDatabase();
  const genesys = await startGenesysCloudSandbox({ port: 0, controlEndpoints: true, seed, rateLimitPerMinute: LIMIT_PER_MINUTE, faults: { rules: [GENESYS_LATENCY] } });
  const gax = await startGaxSandbox({ port: 0, controlEndpoints: true, seed: gaxSeedWithTenants(TENANTS), faults: { latencyMs: GAX_LATENCY_MS } });
  try {
    const { db } = database;
    const deployment = await createDeployment(db, audit, { name: "bench", layout: "multi-tenant", gaxBaseUrl: gax.deploymentUrls.multi!, gaxUsername: SANDBOX_ADMIN.username, gaxPassword: SANDBOX_ADMIN.password });
    const tenants: Awaited<ReturnType<typeof createTenant>>[] = [];
    for (const [n, org] of orgs.entries()) {
      tenants.push(
        await createTenant(db, audit, {
          deploymentId: deployment.id,
          cfgTenantName: benchTenantName(n),
          region: "eu-west-1",
          loginBaseUrl: genesys.url,
          apiBaseUrl: genesys.url,
          bootstrapClientId: org.bootstrap.clientId,
          bootstrapClientSecret: org.bootstrap.clientSecret,
          agentPacing: true,
          predictiveEngagement: true,
        }),
      );
    }
    // The operator enters each tenant's sample agent before provisioning; not part of the measured run.
    for (const [n, tenant] of tenants.entries()) {
      const entered = await completeStepManually(tenant.id, TENANT_ISOLATION, benchAgent(n), { db, audit });
      if (entered.status !== "succeeded") throw new Error(`sample agent of ${tenant.cfgTenantName}: ${entered.steps[0]?.error?.message}`);
    }
    const gaxRequestsBefore = (await json<{ requests: unknown[] }>(`${gax.url}/__sandbox/state`)).requests.length;
    console.log(`${TENANTS} tenants (one org each), ${CONCURRENCY} at a time; limit ${LIMIT_PER_MINUTE}/min per token; latency Genesys Cloud ${GENESYS_LATENCY.latencyMs}-${GENESYS_LATENCY.latencyMs + GENESYS_LATENCY.jitterMs} ms, GAX ${GAX_LATENCY_MS} ms`);

    const results: TenantResult[] = [];
    const operations = new Map<string, number>();
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, tenants.length) }, async () => {
        while (next < tenants.length) {
          const tenant = tenants[next++]!;
          let apiCalls = 0;
          const report = await applyTenant(tenant.id, {
            db,
            audit,
            genesys: {
              rateLimitPerMinute: LIMIT_PER_MINUTE,
              onCall: (call) => {
                apiCalls += 1;
                operations.set(call.operation, (operations.get(call.operation) ?? 0) + 1);
              },
            },
          });
          const failed = report.steps.find((step) => step.error);
          results.push({ name: tenant.cfgTenantName, status: report.status, apiCalls, failure: failed ? `${failed.stepKey}: ${failed.error!.message}` : undefined });
        }
      }),
    );
    const wallSeconds = (Date.now() - started) / 1000;

    const genesysLog = (await json<{ requests: { path: string; status: number | string }[] }>(`${genesys.url}/__sandbox/state`)).requests;
    const gaxLog = (await json<{ requests: { path: string }[] }>(`${gax.url}/__sandbox/state`)).requests;
    const apiRequests = genesysLog.filter((r) => r.path.startsWith("/api/")).length;
    const tokenRequests = genesysLog.filter((r) => r.path.startsWith("/oauth/token")).length;
    const tooMany = genesysLog.filter((r) => r.status === 429).length;
    const gaxRequests = gaxLog.length - gaxRequestsBefore;

    const perTenant = { api: apiRequests / TENANTS, token: tokenRequests / TENANTS, gax: gaxRequests / TENANTS };
    const bounds = results.map((r) => Math.max(r.apiCalls / (LIMIT_PER_MINUTE / 60), ((r.apiCalls + perTenant.token + perTenant.gax) * MEAN_LATENCY_MS) / 1000));
    const longest = Math.max(...bounds);
    const spread = bounds.reduce((sum, b) => sum + b, 0) / CONCURRENCY;
    const lowerBound = Math.max(longest, spread);
    const ratio = wallSeconds / lowerBound;

    const failures = results.filter((r) => r.status !== "succeeded");
    for (const failure of failures.slice(0, 5)) console.log(`FAILED ${failure.name}: ${failure.failure}`);
    console.log(`succeeded ${results.length - failures.length} of ${TENANTS}; sandbox answered 429 to ${tooMany} requests`);
    console.log(`lower bound: max(longest tenant ${longest.toFixed(2)} s, sum of tenant bounds / ${CONCURRENCY} = ${spread.toFixed(2)} s) = ${lowerBound.toFixed(2)} s`);
    console.log(`  tenant bound = max(API calls / (${LIMIT_PER_MINUTE}/60 s), (API + token + GAX calls) x ${MEAN_LATENCY_MS} ms mean latency)`);
    console.log(`wall ${wallSeconds.toFixed(2)} s / lower bound ${lowerBound.toFixed(2)} s -> ratio ${ratio.toFixed(3)} (bound <= ${MAX_RATIO})`);

    const actual = { api: perTenant.api, token: perTenant.token, gax: perTenant.gax };
    console.log(`calls per tenant (sandbox request logs): Platform API ${actual.api.toFixed(1)}, token ${actual.token.toFixed(1)}, GAX ${actual.gax.toFixed(1)}`);
    console.log(describeMinimum());
    const total = actual.api + actual.token + actual.gax;
    console.log(`calls per tenant ${total.toFixed(1)} / minimum ${MINIMUM_CALLS.total} -> ratio ${(total / MINIMUM_CALLS.total).toFixed(2)}`);
    if (process.env.PROVISION_BENCH_VERBOSE) {
      console.log([...operations].map(([op, n]) => `  ${(n / TENANTS).toFixed(1)} x ${op}`).join("\n"));
      const stepRuns = await db.stepRun.findMany({ select: { stepKey: true, startedAt: true, finishedAt: true } });
      const seconds = new Map<string, number>();
      for (const run of stepRuns) seconds.set(run.stepKey, (seconds.get(run.stepKey) ?? 0) + ((run.finishedAt?.getTime() ?? 0) - run.startedAt.getTime()) / 1000);
      console.log([...seconds].map(([step, s]) => `  ${(s / TENANTS).toFixed(2)} s per tenant in ${step}`).join("\n"));
      const runs = await db.run.findMany({ select: { startedAt: true, finishedAt: true } });
      const runSeconds = runs.reduce((sum, run) => sum + ((run.finishedAt?.getTime() ?? 0) - run.startedAt.getTime()) / 1000, 0);
      console.log(`  ${(runSeconds / TENANTS).toFixed(2)} s per tenant from run start to finish`);
    }

    const within = failures.length === 0 && ratio <= MAX_RATIO;
    console.log(within ? "provision: within bound" : "provision: OUTSIDE bound");
    return within ? 0 : 1;
  } finally {
    await Promise.all([genesys.close(), gax.close()]);
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
