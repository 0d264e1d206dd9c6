// The lower bound of the benchmark's wall time: what the per-token rate limit and each run's critical path allow.
// CPU is not counted (see the benchmark's CPU floor).

interface BoundSettings {
  /** Requests per access token per minute. */
  limitPerMinute: number;
  meanLatencyMs: number;
  /** Tenants provisioned at once. */
  concurrency: number;
}

/** One tenant's run: its Platform API calls per access token, and the calls on its critical path. */
interface TenantCalls {
  apiCallsPerToken: number[];
  /** Calls that follow one another, each waiting for the one before (every Platform API, token and GAX call). */
  criticalPath: number;
}

/**
 * Per tenant t: L_t = max(rate_t, critical-path calls_t x mean latency), where rate_t is the longest any one token
 * must wait for its limit: a minute's allowance may be spent at once, so only the calls beyond it count, at
 * limit / 60 s: max over tokens of max(0, calls - limit) / (limit / 60 s). Overall L = max(max_t L_t, sum_t L_t / C).
 */
export function lowerBound(tenants: TenantCalls[], settings: BoundSettings) {
  const perSecond = settings.limitPerMinute / 60;
  const beyondAllowance = (calls: number) => Math.max(0, calls - settings.limitPerMinute) / perSecond;
  const rate = (t: TenantCalls) => Math.max(0, ...t.apiCallsPerToken.map(beyondAllowance));
  const bounds = tenants.map((t) => Math.max(rate(t), (t.criticalPath * settings.meanLatencyMs) / 1000));
  const longest = Math.max(...bounds);
  const spread = bounds.reduce((sum, b) => sum + b, 0) / settings.concurrency;
  return { longest, spread, seconds: Math.max(longest, spread), rateSeconds: Math.max(...tenants.map(rate)) };
}
