import { connect } from "node:net";
import { systemResolver, type Resolver } from "./resolve";

export type { Resolver } from "./resolve";

export type ProbeTarget = { host: string; port: number; label?: string };

export type ProbeStage = { ok: true; ms: number } | { ok: false; ms: number; code: string; message: string };

export type ProbeResult = {
  target: ProbeTarget;
  /** reachable: resolved and accepted a TCP connection; otherwise the first stage that failed. */
  status: "reachable" | "dns_failed" | "tcp_failed";
  addresses: string[];
  dns: ProbeStage;
  tcp?: ProbeStage;
};

export type ProbeOptions = {
  /** Per stage (DNS, then TCP), in milliseconds. */
  timeoutMs?: number;
  /** Hosts probed at the same time. */
  concurrency?: number;
  resolve?: Resolver;
};

const defaultProbeTimeoutMs = 3_000;
const defaultProbeConcurrency = 6;

/** What a failure means for the firewall request, in operator words. */
const explanations: Record<string, string> = {
  ENOTFOUND:
    "The name does not resolve: check the DNS server this machine uses, or whether it may resolve internet names.",
  EAI_AGAIN: "The DNS server did not answer: this machine may have no DNS or internet access.",
  ECONNREFUSED: "The host refused the connection: something between here and the host rejects port traffic.",
  ECONNRESET: "The connection was reset: a firewall or proxy may be cutting it.",
  ENETUNREACH: "No route to the network: this machine has no way out to the internet.",
  EHOSTUNREACH: "No route to the host: a firewall or routing rule blocks it.",
  TIMEOUT: "No answer in time: a firewall probably drops the traffic silently.",
};

export function explainProbeError(code: string): string {
  return explanations[code] ?? `The attempt failed (${code}).`;
}

class ProbeTimeout extends Error {
  readonly code = "TIMEOUT";
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new ProbeTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function stage<T>(work: () => Promise<T>): Promise<{ stage: ProbeStage; value?: T }> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const value = await work();
    return { stage: { ok: true, ms: ms() }, value };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = typeof code === "string" ? code : "ERROR";
    return { stage: { ok: false, ms: ms(), code: known, message: explainProbeError(known) } };
  }
}

function tcpConnect(address: string, port: number, timeoutMs: number): Promise<void> {
  const socket = connect({ host: address, port });
  const connected = new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("error", reject);
  });
  return withTimeout(connected, timeoutMs, () => socket.destroy()).finally(() => socket.destroy());
}

async function probeOne(target: ProbeTarget, timeoutMs: number, resolve: Resolver): Promise<ProbeResult> {
  const dns = await stage(() => withTimeout(resolve(target.host), timeoutMs));
  const addresses = dns.value ?? [];
  if (!dns.stage.ok || addresses.length === 0) {
    const failed: ProbeStage = dns.stage.ok
      ? { ok: false, ms: dns.stage.ms, code: "ENOTFOUND", message: explainProbeError("ENOTFOUND") }
      : dns.stage;
    return { target, status: "dns_failed", addresses, dns: failed };
  }
  const tcp = await stage(() => tcpConnect(addresses[0]!, target.port, timeoutMs));
  return { target, status: tcp.stage.ok ? "reachable" : "tcp_failed", addresses, dns: dns.stage, tcp: tcp.stage };
}

/**
 * Resolves each host and opens (then closes) a TCP connection to its first address, a few hosts at a time; every
 * stage has its own timeout, so a silently dropping firewall costs at most 2 x timeoutMs per host. Results keep
 * the order of the targets.
 */
export async function probeHosts(targets: ProbeTarget[], options: ProbeOptions = {}): Promise<ProbeResult[]> {
  const timeoutMs = options.timeoutMs ?? defaultProbeTimeoutMs;
  const concurrency = Math.max(1, options.concurrency ?? defaultProbeConcurrency);
  const resolve = options.resolve ?? systemResolver;
  const results: ProbeResult[] = new Array(targets.length);
  let next = 0;
  async function worker() {
    while (next < targets.length) {
      const index = next;
      next += 1;
      results[index] = await probeOne(targets[index]!, timeoutMs, resolve);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}
