// Per-org pacing: a token bucket (as a reservation schedule, first come first served) plus bounded concurrency.
import { setTimeout as sleep } from "node:timers/promises";

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => sleep(ms) };

export interface RateLimiterOptions {
  /** The org's limit (Genesys default: 300 requests per minute per token). */
  ratePerMinute: number;
  /** Share of the limit to use, leaving room for clock drift between windows (default 0.97). */
  headroom?: number;
  /** Requests that may go at once before pacing starts (default 5). */
  burst?: number;
  /** Requests in flight at once (default 8). */
  maxConcurrency?: number;
  clock?: Clock;
}

/**
 * Token bucket as virtual scheduling: each request reserves the next free slot, so waiting callers are
 * served in order and no window of a minute ever sees more than burst + rate × headroom requests.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private nextSlot: number;
  private pausedUntil = 0;

  constructor(
    ratePerMinute: number,
    burst: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(ratePerMinute > 0)) throw new Error(`ratePerMinute: must be a positive number (got ${ratePerMinute})`);
    if (!Number.isInteger(burst) || burst < 1) throw new Error(`burst: must be an integer of at least 1 (got ${burst})`);
    this.intervalMs = 60_000 / ratePerMinute;
    this.toleranceMs = (burst - 1) * this.intervalMs;
    this.nextSlot = clock.now();
  }

  /** Resolves when the caller may send one request. */
  async take(): Promise<void> {
    const now = this.clock.now();
    this.nextSlot = Math.max(this.nextSlot, now);
    const startAt = this.nextSlot - this.toleranceMs;
    this.nextSlot += this.intervalMs;
    if (startAt > now) await this.clock.sleep(startAt - now);
    while (this.pausedUntil > this.clock.now()) await this.clock.sleep(this.pausedUntil - this.clock.now());
  }

  /** Holds every caller back until `until` (after a 429 with Retry-After). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.nextSlot = Math.max(this.nextSlot, until + this.toleranceMs);
  }
}

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`maxConcurrency: must be an integer of at least 1 (got ${limit})`);
  }

  async acquire(): Promise<() => void> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

export class OrgRateLimiter {
  readonly bucket: TokenBucket;
  private readonly slots: Semaphore;
  private readonly clock: Clock;

  constructor(options: RateLimiterOptions) {
    this.clock = options.clock ?? realClock;
    this.bucket = new TokenBucket(options.ratePerMinute * (options.headroom ?? 0.97), options.burst ?? 5, this.clock);
    this.slots = new Semaphore(options.maxConcurrency ?? 8);
  }

  /** Waits for a concurrency slot and a rate slot; call the returned function when the request is done. */
  async acquire(): Promise<() => void> {
    const release = await this.slots.acquire();
    try {
      await this.bucket.take();
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  pauseFor(ms: number): void {
    this.bucket.pauseUntil(this.clock.now() + ms);
  }
}

const shared = new Map<string, OrgRateLimiter>();

/** One limiter per key (an org's API base URL and client id), shared by every client object in the process. */
export function sharedOrgRateLimiter(key: string, options: RateLimiterOptions): OrgRateLimiter {
  let limiter = shared.get(key);
  if (!limiter) {
    limiter = new OrgRateLimiter(options);
    shared.set(key, limiter);
  }
  return limiter;
}
