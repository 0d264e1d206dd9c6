// Per-token pacing against Genesys Cloud's limit (requests per token per minute): a window's allowance may be spent
// at once; past it, callers wait, first come first served, until sent requests leave the window. See
// docs/genesys-cloud-client.md "Rate limiting and concurrency".
import { setTimeout as sleep } from "node:timers/promises";

export interface Clock {
  now(): number;
  /** Resolves after `ms`; may reject or never settle once `signal` is aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms, signal) => sleep(ms, undefined, { signal }) };

/** The Genesys default: 300 requests per token per minute. */
const DEFAULT_ALLOWED_PER_WINDOW = 300;
/**
 * The service's minute plus 1 s: the official SDK docs show `inin-ratelimit-reset: 61` on a token's first request,
 * so a window may outlast 60 s.
 */
const DEFAULT_WINDOW_MS = 61_000;

export interface RateLimiterOptions {
  /** Requests one token may send per window until `inin-ratelimit-allowed` says otherwise (default 300). */
  allowedPerWindow?: number;
  /** How long a request counts after its answer (default 61 s). */
  windowMs?: number;
  /** Share of the allowance to use: a reserve for requests the service counts that this process cannot see (0.97). */
  headroom?: number;
  /** Requests in flight at once (default 8); also bounds what is sent before the first answer tells the allowance. */
  maxConcurrency?: number;
  clock?: Clock;
}

/** What an answer says about the token's window: the `inin-ratelimit-*` headers. */
interface WindowReport {
  count?: number;
  allowed?: number;
  resetSeconds?: number;
}

interface HeaderSource {
  get(name: string): string | null;
}

function wholeNumber(value: string | null, min: number): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min ? n : undefined;
}

export function windowReportOf(headers: HeaderSource): WindowReport {
  return {
    count: wholeNumber(headers.get("inin-ratelimit-count"), 0),
    allowed: wholeNumber(headers.get("inin-ratelimit-allowed"), 1),
    resetSeconds: wholeNumber(headers.get("inin-ratelimit-reset"), 0),
  };
}

interface SentRequest {
  sentAt: number;
  answeredAt?: number;
}

/** Releases a request's concurrency slot; pass the answer's headers so the limiter learns the token's window. */
export type Release = (headers?: HeaderSource) => void;

/**
 * Counts, conservatively, what the service counts: a request counts from when it is sent until `windowMs` after its
 * answer (the service counted it on arrival, in between), and while it is in flight. That holds for a fixed window
 * and for a sliding one. The headers adjust the count: `allowed` replaces the assumed allowance, a `count` above the
 * requests this limiter sent is someone else's use of the token (held for a window), and a count at the allowance
 * holds every caller until `reset`.
 */
export class OrgRateLimiter {
  private allowed: number;
  private readonly windowMs: number;
  private readonly headroom: number;
  private readonly maxConcurrency: number;
  private readonly clock: Clock;
  private sent: SentRequest[] = [];
  private inFlight = 0;
  private heldUntil = 0;
  private others: { count: number; until: number }[] = [];
  private readonly waiting: ((request: SentRequest) => void)[] = [];
  /** The pending wake-up while callers wait for room (cancelled when none wait any more). */
  private wake: { at: number; cancel: AbortController } | undefined;

  constructor(options: RateLimiterOptions = {}) {
    this.allowed = options.allowedPerWindow ?? DEFAULT_ALLOWED_PER_WINDOW;
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.headroom = options.headroom ?? 0.97;
    this.maxConcurrency = options.maxConcurrency ?? 8;
    this.clock = options.clock ?? realClock;
    if (!Number.isInteger(this.allowed) || this.allowed < 1) {
      throw new Error(`allowedPerWindow (rateLimitPerMinute): must be an integer of at least 1 (got ${this.allowed})`);
    }
    if (!(this.windowMs > 0)) throw new Error(`windowMs: must be a positive number (got ${this.windowMs})`);
    if (!(this.headroom > 0 && this.headroom <= 1)) {
      throw new Error(`headroom (rateLimitHeadroom): must be above 0 and at most 1 (got ${this.headroom})`);
    }
    if (!Number.isInteger(this.maxConcurrency) || this.maxConcurrency < 1) {
      throw new Error(`maxConcurrency: must be an integer of at least 1 (got ${this.maxConcurrency})`);
    }
  }

  /** Waits for a concurrency slot and room in the window; call the returned function when the answer is in. */
  acquire(): Promise<Release> {
    return new Promise((resolve) => {
      this.waiting.push((request) => resolve((headers) => this.answered(request, headers)));
      this.pump();
    });
  }

  /** Holds every caller back for `ms` (after a 429 with Retry-After). */
  pauseFor(ms: number): void {
    this.heldUntil = Math.max(this.heldUntil, this.clock.now() + ms);
    this.pump();
  }

  /** The requests this token may still send now (for tests and diagnostics). */
  room(): number {
    return Math.max(0, this.budget() - this.used(this.clock.now()));
  }

  private budget(): number {
    return Math.max(1, Math.floor(this.allowed * this.headroom));
  }

  /** Drops the requests that left the window; returns this limiter's requests still in it. */
  private ownInWindow(now: number): number {
    this.sent = this.sent.filter((r) => r.answeredAt === undefined || r.answeredAt + this.windowMs > now);
    return this.sent.length;
  }

  private used(now: number): number {
    this.others = this.others.filter((o) => o.until > now);
    return this.ownInWindow(now) + Math.max(0, ...this.others.map((o) => o.count));
  }

  private answered(request: SentRequest, headers: HeaderSource | undefined): void {
    if (request.answeredAt !== undefined) return;
    const now = this.clock.now();
    request.answeredAt = now;
    this.inFlight -= 1;
    if (headers) this.learn(windowReportOf(headers), now);
    this.pump();
  }

  private learn(report: WindowReport, now: number): void {
    if (report.allowed !== undefined) this.allowed = report.allowed;
    if (report.count === undefined) return;
    // Every request this limiter sent that the service may have counted is still in `sent`.
    const others = report.count - this.ownInWindow(now);
    if (others > 0) this.others.push({ count: others, until: now + this.windowMs });
    if (report.resetSeconds !== undefined && report.count >= this.allowed) {
      this.heldUntil = Math.max(this.heldUntil, now + report.resetSeconds * 1000);
    }
  }

  private pump(): void {
    const now = this.clock.now();
    const mayStart = () =>
      this.inFlight < this.maxConcurrency && now >= this.heldUntil && this.used(now) < this.budget();
    while (this.waiting.length > 0 && mayStart()) {
      const request: SentRequest = { sentAt: now };
      this.sent.push(request);
      this.inFlight += 1;
      this.waiting.shift()!(request);
    }
    if (this.waiting.length === 0) {
      this.wake?.cancel.abort();
      this.wake = undefined;
      return;
    }
    if (this.inFlight >= this.maxConcurrency) return;
    // Blocked by the window: wake when the hold ends or the next request leaves it (answers also wake it).
    const times = [this.heldUntil, ...this.others.map((o) => o.until)];
    for (const r of this.sent) if (r.answeredAt !== undefined) times.push(r.answeredAt + this.windowMs);
    const next = Math.min(...times.filter((t) => t > now));
    if (!Number.isFinite(next) || (this.wake && this.wake.at <= next)) return;
    this.wake?.cancel.abort();
    const wake = { at: next, cancel: new AbortController() };
    this.wake = wake;
    this.clock.sleep(next - now, wake.cancel.signal).then(
      () => {
        if (this.wake === wake) this.wake = undefined;
        this.pump();
      },
      () => undefined,
    );
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
