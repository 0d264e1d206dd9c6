// Benchmark: provision N tenants, each with its own Genesys Cloud org, against both sandboxes with latency injected
// and the 300/min per-token limit, C tenants at a time; once per mean latency (parts "40ms" and "150ms" by default:
// `npm run bench provision 150ms` runs one).
//
// Lower bound of the wall time (what the rate limit and the critical path allow; CPU not counted), see bound.ts:
//   per tenant t: L_t = max(rate_t, critical-path calls_t x mean latency)
//     rate_t: a minute's allowance may be spent at once, so only a token's calls beyond it count, at limit / 60 s
//     critical path: the most calls of the run that followed one another (call-timeline.ts, measured)
//   overall:      L = max(max_t L_t, sum_t L_t / C)
// Bound: wall time / L <= 1.25 at each latency. Also printed: calls per tenant against the minimum the procedure needs.
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import type { AuditContext } from "@/lib/audit/record";
import {
  createDeployment,
  applyTenant,
  completeStepManually,
  TENANT_ISOLATION,
  prepareSamlKey,
  createTenant,
} from "@/lib/provisioning";
import { SANDBOX_ADMIN } from "@/sandbox/gax/default-seed";
import { startBenchDatabase } from "./database";
import { lowerBound } from "./bound";
import { profileMeasuredRun } from "./profile";
import { CallTimeline } from "./call-timeline";
import { minimumCalls } from "./minimum-calls";
import { cpuFloorSeconds, describeResources, measureResources } from "./resources";
import { startLocalSandboxes, startRemoteSandboxes } from "./sandboxes";
import { benchAgent, benchTenantName } from "./seeds";

// The orgs are the sandbox's, reached at its base URLs (as the embedded default allows).
process.env.GENESYS_CUSTOM_BASE_URLS ??= "on";
const TENANTS = Number(process.env.PROVISION_BENCH_TENANTS ?? 50);
const CONCURRENCY = Number(process.env.PROVISION_BENCH_CONCURRENCY ?? 10);
const LIMIT_PER_MINUTE = 300;
const MAX_RATIO = 1.25;
/** Mean sandbox latency of each part; a word "<n>ms" on the command line picks parts. */
const DEFAULT_LATENCIES_MS = [40, 150];
/** Genesys Cloud answers take mean/2 to 3/2 mean (uniform), GAX answers the mean. */
const latencies = (meanMs: number) => ({
  genesys: { latencyMs: Math.round(meanMs / 2), jitterMs: meanMs },
  gaxMs: meanMs,
});
/**
 * Registration prepares each tenant's SAML signing key (a queued job; lib/provisioning/registration/prepared-key.ts), so by
 * default the keys are made before the measured run, as registration would. PROVISION_BENCH_PREPARED_KEYS=0 leaves
 * them to the key-material step, inside the measured run.
 */
const PREPARED_KEYS = process.env.PROVISION_BENCH_PREPARED_KEYS !== "0";
/** The sandboxes run in a child process (default), like the remote services they stand for, or in this one. */
const SAME_PROCESS = process.env.PROVISION_BENCH_SANDBOXES === "same-process";

const audit: AuditContext = {
  actor: { id: "bench", email: "bench@example.test", role: "operator" },
  clientAddress: "127.0.0.1",
  userAgent: "bench/provision",
};

interface GaxRequest {
  seq: number;
  method: string;
  path: string;
}

interface TenantResult {
  name: string;
  status: string;
  /** The run's HTTP calls as timed in this process: Platform API calls per token, critical path, all calls. */
  calls: {
    apiCallsPerToken: number[];
    criticalPath: number;
    total: number;
    busyMs: number;
    spanMs: number;
    runMs: number;
    beforeFirstMs: number;
    afterLastMs: number;
  };
  failure?: string;
}

async function json<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

interface PartResult {
  meanLatencyMs: number;
  wallSeconds: number;
  boundSeconds: number;
  ratio: number;
  within: boolean;
}

async function runPart(meanLatencyMs: number): Promise<PartResult> {
  console.log(
    `\n-- mean sandbox latency ${meanLatencyMs} ms (Node ${process.version}, ${availableParallelism()} cores)`,
  );
  const latency = latencies(meanLatencyMs);
  const database = await startBenchDatabase();
  const sandboxSettings = {
    tenants: TENANTS,
    rateLimitPerMinute: LIMIT_PER_MINUTE,
    genesysLatency: latency.genesys,
    gaxLatencyMs: latency.gaxMs,
  };
  const sandboxes = SAME_PROCESS
    ? await startLocalSandboxes(sandboxSettings)
    : await startRemoteSandboxes(sandboxSettings);
  const { orgs } = sandboxes;
  const genesys = { url: sandboxes.genesysUrl };
  const gax = { url: sandboxes.gaxUrl };
  const timeline = new CallTimeline(genesys.url);
  try {
    const { db } = database;
    const deployment = await createDeployment(db, audit, {
      name: "bench",
      layout: "multi-tenant",
      gaxBaseUrl: sandboxes.gaxMultiUrl,
      gaxUsername: SANDBOX_ADMIN.username,
      gaxPassword: SANDBOX_ADMIN.password,
    });
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
          services: ["predictive-engagement", "agent-pacing"],
        }),
      );
    }
    // The operator enters each tenant's sample agent before provisioning; not part of the measured run.
    for (const [n, tenant] of tenants.entries()) {
      const entered = await completeStepManually(
        { tenantId: tenant.id, stepKey: TENANT_ISOLATION, values: benchAgent(n) },
        { db, audit },
      );
      if (entered.status !== "succeeded")
        throw new Error(`sample agent of ${tenant.cfgTenantName}: ${entered.steps[0]?.error?.message}`);
    }
    let preparation = "the key-material step generates each key in the measured run (PROVISION_BENCH_PREPARED_KEYS=0)";
    if (PREPARED_KEYS) {
      const cpuBefore = process.cpuUsage();
      const prepared = await Promise.all(tenants.map((tenant) => prepareSamlKey(db, audit, tenant.id)));
      if (prepared.some((outcome) => outcome !== "prepared")) throw new Error("a tenant's key was not prepared");
      const cpu = process.cpuUsage(cpuBefore);
      preparation = `keys prepared at registration, before the measured run: ${(((cpu.user + cpu.system) / 1e6 / TENANTS) * 1000).toFixed(0)} ms CPU per key`;
    }
    // The GAX sandbox keeps only its latest requests; their sequence numbers count them all.
    const lastGaxSeq = (log: GaxRequest[]) => log.at(-1)?.seq ?? 0;
    const gaxSeqBefore = lastGaxSeq((await json<{ requests: GaxRequest[] }>(`${gax.url}/__sandbox/state`)).requests);
    const genesysLatency = `${latency.genesys.latencyMs}-${latency.genesys.latencyMs + latency.genesys.jitterMs} ms`;
    console.log(`${TENANTS} tenants (one org each), ${CONCURRENCY} at a time; limit ${LIMIT_PER_MINUTE}/min per token`);
    console.log(`latency: Genesys Cloud ${genesysLatency} (mean ${meanLatencyMs} ms), GAX ${latency.gaxMs} ms`);
    console.log(`SAML keys: ${preparation}`);

    const operations = new Map<string, number>();
    const limit = pLimit(CONCURRENCY);
    const applyOne = async (tenant: (typeof tenants)[number]): Promise<TenantResult> => {
      const { result: report, run } = await timeline.record(() =>
        applyTenant(tenant.id, {
          db,
          audit,
          genesys: {
            rateLimitPerMinute: LIMIT_PER_MINUTE,
            onCall: (call) => {
              operations.set(call.operation, (operations.get(call.operation) ?? 0) + 1);
            },
          },
        }),
      );
      const failed = report.steps.find((step) => step.error);
      const calls = {
        apiCallsPerToken: run.apiCallsPerToken(),
        criticalPath: run.criticalPath(),
        total: run.calls.length,
        busyMs: run.busyMs(),
        spanMs: run.spanMs(),
        runMs: run.runMs,
        beforeFirstMs: run.beforeFirstMs(),
        afterLastMs: run.afterLastMs(),
      };
      const failure = failed ? `${failed.stepKey}: ${failed.error!.message}` : undefined;
      return { name: tenant.cfgTenantName, status: report.status, calls, failure };
    };
    const sandboxCpuBefore = await sandboxes.cpuSeconds();
    const resources = await measureResources(database.url, database.postgresDirectory, {
      sampleLock: Boolean(process.env.PROVISION_BENCH_VERBOSE),
    });
    const stopProfile = await profileMeasuredRun(process.env.PROVISION_BENCH_PROFILE);
    const uninstall = timeline.install();
    const started = Date.now();
    const results = await Promise.all(tenants.map((tenant) => limit(() => applyOne(tenant)))).finally(uninstall);
    const wallSeconds = (Date.now() - started) / 1000;
    await stopProfile();
    const used = await resources.stop();
    const sandboxCpu = (await sandboxes.cpuSeconds()) - sandboxCpuBefore;

    const genesysLog = (
      await json<{ requests: { path: string; status: number | string }[] }>(`${genesys.url}/__sandbox/state`)
    ).requests;
    const gaxLog = (await json<{ requests: GaxRequest[] }>(`${gax.url}/__sandbox/state`)).requests;
    const apiRequests = genesysLog.filter((r) => r.path.startsWith("/api/")).length;
    const tokenRequests = genesysLog.filter((r) => r.path.startsWith("/oauth/token")).length;
    const tooMany = genesysLog.filter((r) => r.status === 429).length;
    const gaxRequests = lastGaxSeq(gaxLog) - gaxSeqBefore;

    const perTenant = { api: apiRequests / TENANTS, token: tokenRequests / TENANTS, gax: gaxRequests / TENANTS };
    // A run's GAX calls follow one another: the administrator's session, then step 10's one agent session.
    const runLog = gaxLog.filter((r) => r.seq > gaxSeqBefore);
    const signIns =
      runLog.length === gaxRequests
        ? runLog.filter((r) => r.path.endsWith("/session/login")).length / TENANTS
        : Number.NaN;
    const bound = lowerBound(
      results.map((r) => r.calls),
      { limitPerMinute: LIMIT_PER_MINUTE, meanLatencyMs, concurrency: CONCURRENCY },
    );
    const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
    const criticalPath = mean(results.map((r) => r.calls.criticalPath));
    const timedCalls = mean(results.map((r) => r.calls.total));
    const busiestToken = Math.max(...results.flatMap((r) => r.calls.apiCallsPerToken));
    const ratio = wallSeconds / bound.seconds;
    const minimum = minimumCalls();

    const failures = results.filter((r) => r.status !== "succeeded");
    for (const failure of failures.slice(0, 5)) console.log(`FAILED ${failure.name}: ${failure.failure}`);
    console.log(
      `succeeded ${results.length - failures.length} of ${TENANTS}; sandbox answered 429 to ${tooMany} requests`,
    );
    console.log(
      `lower bound: max(longest tenant ${bound.longest.toFixed(2)} s, sum of tenant bounds / ${CONCURRENCY} = ${bound.spread.toFixed(2)} s) = ${bound.seconds.toFixed(2)} s`,
    );
    console.log(
      `  tenant bound = max(calls beyond the ${LIMIT_PER_MINUTE} a token may spend at once` +
        ` / (${LIMIT_PER_MINUTE}/60 s): ` +
        `${bound.rateSeconds.toFixed(2)} s at most (busiest token ${busiestToken} calls),`,
    );
    console.log(
      `    critical path ${criticalPath.toFixed(1)} calls on average (of ${timedCalls.toFixed(1)} timed)` +
        ` x ${meanLatencyMs} ms mean latency)`,
    );
    const busy = mean(results.map((r) => r.calls.busyMs)) / 1000;
    const span = mean(results.map((r) => r.calls.spanMs)) / 1000;
    const seconds = (pick: (c: TenantResult["calls"]) => number) =>
      (mean(results.map((r) => pick(r.calls))) / 1000).toFixed(2);
    const runSeconds = seconds((c) => c.runMs);
    const [before, after] = [seconds((c) => c.beforeFirstMs), seconds((c) => c.afterLastMs)];
    console.log(
      `  per tenant: run ${runSeconds} s = ${before} s before its first call` +
        ` + ${span.toFixed(2)} s from first call to last (${busy.toFixed(2)} s of it in calls) + ${after} s after`,
    );
    console.log(
      `  GAX sign-ins per tenant: ${Number.isNaN(signIns) ? "unknown (the sandbox's request log was cut)" : signIns.toFixed(1)} (the administrator and step 10's sample agent)`,
    );
    console.log(
      `wall ${wallSeconds.toFixed(2)} s / lower bound ${bound.seconds.toFixed(2)} s -> ratio ${ratio.toFixed(3)} (bound <= ${MAX_RATIO})`,
    );

    const actual = { api: perTenant.api, token: perTenant.token, gax: perTenant.gax };
    console.log(
      `calls per tenant (sandbox request logs): Platform API ${actual.api.toFixed(1)}, token ${actual.token.toFixed(1)}, GAX ${actual.gax.toFixed(1)}`,
    );
    console.log(minimum.describe());
    const total = actual.api + actual.token + actual.gax;
    console.log(
      `calls per tenant ${total.toFixed(1)} / minimum ${minimum.total} -> ratio ${(total / minimum.total).toFixed(2)}`,
    );
    console.log(describeResources(used, TENANTS, wallSeconds));
    console.log(
      SAME_PROCESS
        ? "  the sandboxes ran in this process (PROVISION_BENCH_SANDBOXES=same-process)"
        : `  the sandboxes' process: ${sandboxCpu.toFixed(1)} s CPU`,
    );
    const floor = cpuFloorSeconds(used, sandboxCpu);
    console.log(
      `  CPU floor on this machine (not part of the bound): all that CPU over ${availableParallelism()} cores = ${floor.toFixed(1)} s = ${(floor / bound.seconds).toFixed(2)} x the lower bound`,
    );
    if (process.env.PROVISION_BENCH_VERBOSE) {
      console.log([...operations].map(([op, n]) => `  ${(n / TENANTS).toFixed(1)} x ${op}`).join("\n"));
      const gaxCalls = new Map<string, number>();
      for (const request of gaxLog.filter((r) => r.seq > gaxSeqBefore)) {
        const call = `GAX ${request.method} ${request.path.replace(/^\/[^/]+\/gax\/api/, "").replace(/\d+/g, "N")}`;
        gaxCalls.set(call, (gaxCalls.get(call) ?? 0) + 1);
      }
      console.log([...gaxCalls].map(([call, n]) => `  ${(n / TENANTS).toFixed(1)} x ${call}`).join("\n"));
      const stepRuns = await db.stepRun.findMany({ select: { stepKey: true, startedAt: true, finishedAt: true } });
      const seconds = new Map<string, number>();
      for (const run of stepRuns)
        seconds.set(
          run.stepKey,
          (seconds.get(run.stepKey) ?? 0) + ((run.finishedAt?.getTime() ?? 0) - run.startedAt.getTime()) / 1000,
        );
      console.log([...seconds].map(([step, s]) => `  ${(s / TENANTS).toFixed(2)} s per tenant in ${step}`).join("\n"));
      const runs = await db.run.findMany({ select: { startedAt: true, finishedAt: true } });
      const runSeconds = runs.reduce(
        (sum, run) => sum + ((run.finishedAt?.getTime() ?? 0) - run.startedAt.getTime()) / 1000,
        0,
      );
      console.log(`  ${(runSeconds / TENANTS).toFixed(2)} s per tenant from run start to finish`);
    }

    const within = failures.length === 0 && tooMany === 0 && ratio <= MAX_RATIO;
    return { meanLatencyMs, wallSeconds, boundSeconds: bound.seconds, ratio, within };
  } finally {
    await sandboxes.close();
    await database.stop();
  }
}

function requestedLatencies(words: string[]): number[] {
  if (words.length === 0) return DEFAULT_LATENCIES_MS;
  return words.map((word) => {
    const match = /^(\d+)ms$/.exec(word);
    if (!match || Number(match[1]) < 1) throw new Error(`${word}: name a part by its mean latency, e.g. 40ms or 150ms`);
    return Number(match[1]);
  });
}

/** Runs one part in a child process: one database per process (the secret store registers its key once per process). */
function runPartInChild(meanLatencyMs: number): Promise<PartResult | undefined> {
  const options = { execArgv: ["--import", "tsx"], stdio: "inherit" as const };
  const child = fork(fileURLToPath(import.meta.url), [`${meanLatencyMs}ms`], options);
  let result: PartResult | undefined;
  child.on("message", (message: PartResult) => (result = message));
  return new Promise((resolve) => child.once("exit", () => resolve(result)));
}

async function main(): Promise<number> {
  const parts = requestedLatencies(process.argv.slice(2));
  if (parts.length === 1) {
    const result = await runPart(parts[0]!);
    if (!process.send) return summary([result]);
    await new Promise((resolve) => process.send!(result, undefined, {}, resolve));
    return result.within ? 0 : 1;
  }
  const results: PartResult[] = [];
  for (const meanLatencyMs of parts) {
    const result = await runPartInChild(meanLatencyMs);
    if (!result) console.log(`provision at ${meanLatencyMs} ms: the part failed (see above)`);
    else results.push(result);
  }
  return summary(results, parts.length);
}

function summary(results: PartResult[], partsRun = results.length): number {
  console.log("");
  for (const r of results) {
    const measured = `wall ${r.wallSeconds.toFixed(2)} s / lower bound ${r.boundSeconds.toFixed(2)} s`;
    const verdict = `ratio ${r.ratio.toFixed(3)} (bound <= ${MAX_RATIO}) ${r.within ? "within" : "OUTSIDE"}`;
    console.log(`provision at ${r.meanLatencyMs} ms mean latency: ${measured} = ${verdict}`);
  }
  const within = results.length === partsRun && results.every((r) => r.within);
  console.log(within ? "provision: within bound" : "provision: OUTSIDE bound");
  return within ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(2);
  },
);
