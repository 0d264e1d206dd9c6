// Every HTTP call of each tenant's run, timed, so the lower bound uses the run's own critical path and the Platform
// API calls each access token made. The calls are seen through undici's diagnostics channels (the product's HTTP
// client and Node's fetch both publish there) and attributed to their tenant's run through AsyncLocalStorage.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { performance } from "node:perf_hooks";

export type CallKind = "api" | "token" | "gax";

export interface TimedCall {
  kind: CallKind;
  start: number;
  end: number;
  /** A digest of the bearer token of a Platform API call (the token itself is not kept). */
  token?: string;
}

interface RunCalls {
  calls: TimedCall[];
  /** Platform API calls per access token. */
  apiCallsPerToken(): number[];
  /** The most calls that followed one another: the longest chain of calls that do not overlap in time. */
  criticalPath(): number;
  /** Milliseconds with at least one call in flight. */
  busyMs(): number;
  /** Milliseconds from the first call's start to the last call's end. */
  spanMs(): number;
  /** Milliseconds of the whole run, and before its first call and after its last. */
  runMs: number;
  beforeFirstMs(): number;
  afterLastMs(): number;
}

/** A request as undici publishes it: its headers as a flat [name, value, ...] list (or, in older undici, one string). */
interface PublishedRequest {
  origin: string;
  path: string;
  headers: string[] | string;
}

function authorizationOf(headers: PublishedRequest["headers"]): string | undefined {
  if (typeof headers === "string") return /^authorization: (.*)$/im.exec(headers)?.[1]?.trim();
  for (let i = 0; i < headers.length; i += 2) if (headers[i]?.toLowerCase() === "authorization") return headers[i + 1];
  return undefined;
}

function bearerDigest(request: PublishedRequest): string | undefined {
  const value = authorizationOf(request.headers);
  return value?.startsWith("Bearer ") ? createHash("sha256").update(value).digest("hex").slice(0, 16) : undefined;
}

/** Calls that do not overlap, as many as possible: earliest end first (interval scheduling). */
export function longestSequentialChain(calls: readonly TimedCall[]): number {
  let length = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.end - b.end)) {
    if (call.start < lastEnd) continue;
    length += 1;
    lastEnd = call.end;
  }
  return length;
}

export class CallTimeline {
  private readonly current = new AsyncLocalStorage<TimedCall[]>();

  constructor(private readonly genesysUrl: string) {}

  private kindOf(url: string): CallKind {
    if (!url.startsWith(this.genesysUrl)) return "gax";
    return new URL(url).pathname.startsWith("/api/") ? "api" : "token";
  }

  /** Starts timing the calls made inside `record`; returns the function that stops it. */
  install(): () => void {
    const inFlight = new WeakMap<object, { call: TimedCall; calls: TimedCall[] }>();
    const onCreate = (message: unknown) => {
      const calls = this.current.getStore();
      if (!calls) return;
      const request = (message as { request: PublishedRequest }).request;
      const kind = this.kindOf(`${request.origin}${request.path}`);
      const token = kind === "api" ? bearerDigest(request) : undefined;
      inFlight.set(request, { call: { kind, start: performance.now(), end: Number.NaN, token }, calls });
    };
    // A call ends when its answer's headers arrive (or it fails), as a fetch promise resolves.
    const onEnd = (message: unknown) => {
      const request = (message as { request: object }).request;
      const entry = inFlight.get(request);
      if (!entry) return;
      inFlight.delete(request);
      entry.call.end = performance.now();
      entry.calls.push(entry.call);
    };
    subscribe("undici:request:create", onCreate);
    subscribe("undici:request:headers", onEnd);
    subscribe("undici:request:error", onEnd);
    return () => {
      unsubscribe("undici:request:create", onCreate);
      unsubscribe("undici:request:headers", onEnd);
      unsubscribe("undici:request:error", onEnd);
    };
  }

  /** Runs `work` with its HTTP calls recorded. */
  async record<T>(work: () => Promise<T>): Promise<{ result: T; run: RunCalls }> {
    const calls: TimedCall[] = [];
    const started = performance.now();
    const result = await this.current.run(calls, work);
    const ended = performance.now();
    const run: RunCalls = {
      runMs: ended - started,
      beforeFirstMs: () => (calls.length ? Math.min(...calls.map((c) => c.start)) - started : 0),
      afterLastMs: () => (calls.length ? ended - Math.max(...calls.map((c) => c.end)) : 0),
      calls,
      apiCallsPerToken() {
        const perToken = new Map<string | undefined, number>();
        for (const { kind, token } of calls) if (kind === "api") perToken.set(token, (perToken.get(token) ?? 0) + 1);
        return [...perToken.values()];
      },
      criticalPath: () => longestSequentialChain(calls),
      busyMs() {
        let busy = 0;
        let coveredTo = Number.NEGATIVE_INFINITY;
        for (const call of [...calls].sort((a, b) => a.start - b.start)) {
          busy += Math.max(0, call.end - Math.max(call.start, coveredTo));
          coveredTo = Math.max(coveredTo, call.end);
        }
        return busy;
      },
      spanMs: () => {
        if (calls.length === 0) return 0;
        return Math.max(...calls.map((c) => c.end)) - Math.min(...calls.map((c) => c.start));
      },
    };
    return { result, run };
  }
}
