// The lower bound of the benchmark's wall time: what the per-token rate limit and each run's critical path allow.
import { checkTenantIsolation } from "@/lib/config-server/tenant-isolation";

export interface BoundSettings {
  limitPerMinute: number;
  meanLatencyMs: number;
  concurrency: number;
}

/** One tenant's calls: its Platform API calls, and the calls on its critical path (each waits for the one before). */
export interface TenantCalls {
  api: number;
  criticalPath: number;
}

/**
 * Per tenant t: L_t = max(API calls_t / (limit / 60 s), critical-path calls_t x mean latency); the API calls all use
 * one org's tokens. Overall L = max(max_t L_t, sum_t L_t / concurrency).
 */
export function lowerBound(tenants: TenantCalls[], settings: BoundSettings) {
  const bounds = tenants.map((t) => Math.max(t.api / (settings.limitPerMinute / 60), (t.criticalPath * settings.meanLatencyMs) / 1000));
  const longest = Math.max(...bounds);
  const spread = bounds.reduce((sum, b) => sum + b, 0) / settings.concurrency;
  return { longest, spread, seconds: Math.max(longest, spread) };
}

/**
 * GAX calls of one sample agent's isolation check (sign in, read, sign out), counted in the sandbox's request log.
 * Step 10 checks the other tenants' agents at the same time as the tenant's own, so only one such session is on a
 * run's critical path.
 */
export async function agentSessionCalls(gaxUrl: string, deploymentUrl: string, agent: { tenantName: string; username: string; password: string }): Promise<number> {
  const lastSeq = async () => ((await (await fetch(`${gaxUrl}/__sandbox/state`)).json()) as { requests: { seq: number }[] }).requests.at(-1)?.seq ?? 0;
  const before = await lastSeq();
  const report = await checkTenantIsolation({ baseUrl: deploymentUrl, timeoutMs: 15_000, passwordIsEncrypted: false }, [], [agent]);
  if (report.agents[0]?.problem?.startsWith("could not check")) throw new Error(`sample agent ${agent.username}: ${report.agents[0].problem}`);
  return (await lastSeq()) - before;
}
