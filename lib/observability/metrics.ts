// The process's metrics: one registry (on globalThis, so the copies of this module Next.js bundles share it with the
// server and the worker), the instruments the code records with, and Node's default process metrics.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import { pathTemplate } from "./path-template";

export const METRIC_PREFIX = "hybrid_provisioner_";

function createInstruments() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: "HTTP requests served by the dashboard, by method, route pattern and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    runs: new Counter({
      name: `${METRIC_PREFIX}runs_total`,
      help: "Provisioning runs ended by this process, by mode (plan, apply, verify) and outcome.",
      labelNames: ["mode", "outcome"] as const,
      registers,
    }),
    stepDuration: new Histogram({
      name: `${METRIC_PREFIX}step_duration_seconds`,
      help: "Steps run by this process, by step, mode and outcome.",
      labelNames: ["step", "mode", "outcome"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    }),
    genesysCalls: new Counter({
      name: `${METRIC_PREFIX}genesys_cloud_requests_total`,
      help: "Genesys Cloud calls (after retries), by method, path template and final status.",
      labelNames: ["method", "path", "status"] as const,
      registers,
    }),
    genesysThrottled: new Counter({
      name: `${METRIC_PREFIX}genesys_cloud_throttled_total`,
      help: "429 answers from Genesys Cloud, by method and path template.",
      labelNames: ["method", "path"] as const,
      registers,
    }),
    genesysRetries: new Counter({
      name: `${METRIC_PREFIX}genesys_cloud_retries_total`,
      help: "Genesys Cloud requests sent again, by method, path template and reason (throttled, server_error, network, token_renewed).",
      labelNames: ["method", "path", "reason"] as const,
      registers,
    }),
    gaxCalls: new Counter({
      name: `${METRIC_PREFIX}gax_requests_total`,
      help: "GAX requests, by method, path template and status.",
      labelNames: ["method", "path", "status"] as const,
      registers,
    }),
    gaxRetries: new Counter({
      name: `${METRIC_PREFIX}gax_retries_total`,
      help: "GAX requests sent again, by method, path template and reason (transient, session_renewed).",
      labelNames: ["method", "path", "reason"] as const,
      registers,
    }),
  };
}

type Instruments = ReturnType<typeof createInstruments>;
const holder = globalThis as unknown as { hybridProvisionerMetrics?: Instruments };

export function instruments(): Instruments {
  holder.hybridProvisionerMetrics ??= createInstruments();
  return holder.hybridProvisionerMetrics;
}

export const metricsRegistry = () => instruments().registry;

/** A status label: the HTTP status, or what happened instead of an answer. */
type CallStatus = number | "network_error" | "timeout" | "invalid_response";

export function recordHttpRequest(request: { method: string; route: string; status: number; seconds: number }): void {
  const { method, route, status, seconds } = request;
  instruments().httpRequestDuration.observe({ method, route, status: String(status) }, seconds);
}

export function countRun(run: { mode: string; outcome: string }): void {
  instruments().runs.inc({ mode: run.mode, outcome: run.outcome });
}

export function recordStep(step: { step: string; mode: string; outcome: string; seconds: number }): void {
  instruments().stepDuration.observe({ step: step.step, mode: step.mode, outcome: step.outcome }, step.seconds);
}

export function countGenesysCall(call: { method: string; path: string; status: CallStatus }): void {
  instruments().genesysCalls.inc({ method: call.method, path: pathTemplate(call.path), status: String(call.status) });
}

export function countGenesysRetry(retry: {
  method: string;
  path: string;
  reason: "throttled" | "server_error" | "network" | "token_renewed";
}): void {
  const path = pathTemplate(retry.path);
  if (retry.reason === "throttled") instruments().genesysThrottled.inc({ method: retry.method, path });
  instruments().genesysRetries.inc({ method: retry.method, path, reason: retry.reason });
}

/** A 429 that is not retried (the wait asked for is too long, or too many in a row). */
export function countGenesysThrottledFinal(call: { method: string; path: string }): void {
  instruments().genesysThrottled.inc({ method: call.method, path: pathTemplate(call.path) });
}

export function countGaxCall(call: { method: string; path: string; status: CallStatus }): void {
  instruments().gaxCalls.inc({ method: call.method, path: pathTemplate(call.path), status: String(call.status) });
}

export function countGaxRetry(retry: { method: string; path: string; reason: "transient" | "session_renewed" }): void {
  instruments().gaxRetries.inc({ method: retry.method, path: pathTemplate(retry.path), reason: retry.reason });
}
