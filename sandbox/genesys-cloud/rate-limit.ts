// Request windows per key (per access token for the API, per client id at the token endpoint).
//
// Genesys Cloud counts API requests per token per minute [C] and reports the count, the allowance and the seconds to
// the reset in `inin-ratelimit-*` headers [C]. How it counts the minute is not published: the official SDK docs'
// examples (a token's first request answered `count 1, reset 61`) suggest a fixed window opened by a token's first
// request [I]. A sliding window (the last `windowMs` before each request) is stricter than any fixed window of the
// same length: a burst at the end of one fixed window and another at the start of the next is refused. The API uses
// the sliding window by default, so a client that never sees a 429 here never sees one from a fixed window either.

/** `sliding`: the requests of the last window; `fixed`: a window opened by the key's first request. */
export type WindowMode = "sliding" | "fixed";

interface WindowDecision {
  allowed: boolean;
  /** Requests counted in the window, this one included when allowed (refused requests are not counted). */
  count: number;
  limit: number;
  /** Whole seconds, rounded up, until the window frees room: its oldest request leaves (sliding), it resets (fixed). */
  resetSeconds: number;
}

export class MinuteWindowLimiter {
  /** Arrival times of the counted requests, oldest first (sliding), or the window's start and count (fixed). */
  private readonly arrivals = new Map<string, number[]>();
  private readonly windows = new Map<string, { start: number; count: number }>();

  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly mode: WindowMode;

  constructor(
    private readonly limit: number,
    {
      windowMs = 60_000,
      now = Date.now,
      mode = "fixed",
    }: { windowMs?: number; now?: () => number; mode?: WindowMode } = {},
  ) {
    this.windowMs = windowMs;
    this.now = now;
    this.mode = mode;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new Error(`rate limit: must be an integer of at least 1 per window (got ${limit})`);
    }
    if (!(windowMs > 0)) throw new Error(`rate-limit window: must be a positive length (got ${windowMs} ms)`);
  }

  take(key: string): WindowDecision {
    return this.mode === "sliding" ? this.takeSliding(key) : this.takeFixed(key);
  }

  private decision({
    allowed,
    count,
    freesAt,
    now,
  }: {
    allowed: boolean;
    count: number;
    freesAt: number;
    now: number;
  }): WindowDecision {
    return { allowed, count, limit: this.limit, resetSeconds: Math.max(1, Math.ceil((freesAt - now) / 1000)) };
  }

  private takeSliding(key: string): WindowDecision {
    const now = this.now();
    let arrivals = this.arrivals.get(key);
    if (!arrivals) this.arrivals.set(key, (arrivals = []));
    const firstInWindow = arrivals.findIndex((at) => at > now - this.windowMs);
    arrivals.splice(0, firstInWindow === -1 ? arrivals.length : firstInWindow);
    const allowed = arrivals.length < this.limit;
    if (allowed) arrivals.push(now);
    return this.decision({ allowed, count: arrivals.length, freesAt: arrivals[0]! + this.windowMs, now });
  }

  private takeFixed(key: string): WindowDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const allowed = window.count < this.limit;
    if (allowed) window.count += 1;
    return this.decision({ allowed, count: window.count, freesAt: window.start + this.windowMs, now });
  }

  clear(): void {
    this.arrivals.clear();
    this.windows.clear();
  }
}
