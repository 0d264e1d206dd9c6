// The lower bound of the benchmark's wall time: what the per-token rate limit and each run's critical path allow.

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
