// Every HTTP call of each tenant's run, timed, so the lower bound uses the run's own critical path and the Platform
// API calls each access token made. The run's fetches are attributed to its tenant through AsyncLocalStorage.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
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

function urlOf(input: Parameters<typeof fetch>[0]): string {
  return typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
}

function bearerDigest(init: Parameters<typeof fetch>[1]): string | undefined {
  const value = new Headers(init?.headers).get("authorization");
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
  private readonly realFetch = globalThis.fetch;

  constructor(private readonly genesysUrl: string) {}

  private kindOf(url: string): CallKind {
    if (!url.startsWith(this.genesysUrl)) return "gax";
    return new URL(url).pathname.startsWith("/api/") ? "api" : "token";
  }

  /** Wraps the global fetch; returns the function that puts it back. */
  install(): () => void {
    const realFetch = this.realFetch;
    globalThis.fetch = async (input, init) => {
      const calls = this.current.getStore();
      if (!calls) return realFetch(input, init);
      const url = urlOf(input);
      const kind = this.kindOf(url);
      const token = kind === "api" ? bearerDigest(init) : undefined;
      const call: TimedCall = { kind, start: performance.now(), end: Number.NaN, token };
      try {
        return await realFetch(input, init);
      } finally {
        call.end = performance.now();
        calls.push(call);
      }
    };
    return () => {
      globalThis.fetch = realFetch;
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
