// Benchmark: N orgs busy at once against the sandbox (300 requests/min per token, latency injected).
// Bound: achieved requests per minute per org >= 0.9 x the limit, and under 1% of requests answered 429.
import { createGenesysCloudClient } from "@/lib/genesys-cloud/client";
import { defaultGenesysSeed, startGenesysCloudSandbox } from "@/sandbox/genesys-cloud";

const LIMIT_PER_MINUTE = 300;
const DURATION_SECONDS = Number(process.env.GENESYS_BENCH_SECONDS ?? 70);
const WORKERS_PER_ORG = 8;
const MIN_RATIO = 0.9;
const MAX_429_SHARE = 0.01;

type Gc = ReturnType<typeof createGenesysCloudClient>;
const workload: ((gc: Gc) => Promise<unknown>)[] = [
  (gc) => gc.getOrganization(),
  (gc) => gc.listRoles({ pageSize: 25 }),
  (gc) => gc.getHomeDivision(),
  (gc) => gc.listOAuthClients(),
  (gc) => gc.getPureEngageProvider(),
];

async function main(): Promise<number> {
  const sandbox = await startGenesysCloudSandbox({
    port: 0,
    controlEndpoints: true,
    rateLimitPerMinute: LIMIT_PER_MINUTE,
    faults: { rules: [{ path: "/api/", latencyMs: 40, jitterMs: 60 }] },
  });
  try {
    const orgs = defaultGenesysSeed.orgs;
    console.log(
      `${orgs.length} orgs x ${WORKERS_PER_ORG} workers for ${DURATION_SECONDS} s, limit ${LIMIT_PER_MINUTE}/min per token, latency 40-100 ms`,
    );
    const results = await Promise.all(
      orgs.map(async (org) => {
        const bootstrap = org.oauthClients[0]!;
        const gc = createGenesysCloudClient(
          { loginBaseUrl: sandbox.url, apiBaseUrl: sandbox.url },
          { clientId: bootstrap.id, clientSecret: bootstrap.secret },
          { rateLimitPerMinute: LIMIT_PER_MINUTE, maxConcurrency: WORKERS_PER_ORG },
        );
        await gc.getAccessToken();
        const started = Date.now();
        const stopAt = started + DURATION_SECONDS * 1000;
        let completed = 0;
        let failed = 0;
        await Promise.all(
          Array.from({ length: WORKERS_PER_ORG }, async (_, worker) => {
            for (let i = worker; Date.now() < stopAt; i += 1) {
              try {
                await workload[i % workload.length]!(gc);
                completed += 1;
              } catch {
                failed += 1;
              }
            }
          }),
        );
        const minutes = (Date.now() - started) / 60_000;
        return { org: org.thirdPartyOrgName, completed, failed, perMinute: completed / minutes };
      }),
    );
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      requests: { path: string; status: number | string }[];
    };
    const apiRequests = state.requests.filter((r) => r.path.startsWith("/api/"));
    const tooMany = apiRequests.filter((r) => r.status === 429).length;
    const share = tooMany / Math.max(1, apiRequests.length);

    let within = share < MAX_429_SHARE;
    for (const r of results) {
      const ratio = r.perMinute / LIMIT_PER_MINUTE;
      within &&= ratio >= MIN_RATIO && r.failed === 0;
      console.log(
        `${r.org.padEnd(14)} ${r.completed} calls, ${r.failed} failed, ${r.perMinute.toFixed(1)}/min -> ratio ${ratio.toFixed(3)} (bound >= ${MIN_RATIO})`,
      );
    }
    console.log(
      `429 answers: ${tooMany} of ${apiRequests.length} requests = ${(share * 100).toFixed(2)}% (bound < ${MAX_429_SHARE * 100}%)`,
    );
    console.log(within ? "genesys-client: within bound" : "genesys-client: OUTSIDE bound");
    return within ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
