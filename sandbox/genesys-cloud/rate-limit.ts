// Fixed one-minute windows per key (per access token for the API, per client id at the token endpoint).

export interface WindowDecision {
  allowed: boolean;
  count: number;
  limit: number;
  /** Whole seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export class MinuteWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): WindowDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    if (window.count >= this.limit) return { allowed: false, count: window.count, limit: this.limit, resetSeconds };
    window.count += 1;
    return { allowed: true, count: window.count, limit: this.limit, resetSeconds };
  }

  clear(): void {
    this.windows.clear();
  }
}
