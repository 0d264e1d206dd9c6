// When and how long to wait before trying a call again.

export interface RetryPolicy {
  /** Attempts per call for network errors, timeouts and retryable statuses (default 6). */
  maxAttempts: number;
  /** 429 answers tolerated per call (default 10). */
  max429Retries: number;
  /** Give up when a single Retry-After asks for longer than this (default 180 s, as the Go/.NET/Java SDKs). */
  maxRetryAfterSeconds: number;
  /** First backoff delay; doubled per attempt with full jitter (default 250 ms). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Statuses retried on idempotent calls (default 500, 502, 503, 504). */
  retryableStatuses: readonly number[];
  /** Per-attempt timeout (default 30 s). */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  max429Retries: 10,
  maxRetryAfterSeconds: 180,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  retryableStatuses: [500, 502, 503, 504],
  timeoutMs: 30_000,
};

export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After in seconds (delta-seconds or an HTTP date); 1 s when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header) return 1;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1 : Math.max(0, Math.ceil((at - now) / 1000));
}
