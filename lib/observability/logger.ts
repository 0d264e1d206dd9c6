// The process's structured log: JSON lines (pretty in a terminal), one logger per process kept on globalThis (Next.js
// bundles its own copies of this module), and child loggers carried by the async context, so that whatever runs
// inside an HTTP request or a provisioning run logs with its requestId, or its runId, tenantId and correlationId.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { redact } from "@/lib/audit/redact";
import { logFormat, logLevel } from "@/lib/config/env";

export type { Logger } from "pino";

/** Keys whose values are replaced wherever they appear near the top of a log line (the second line of defence). */
const secretKeys = [
  "password",
  "passphrase",
  "secret",
  "token",
  "accessToken",
  "refreshToken",
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "privateKey",
  "clientSecret",
  "client_secret",
  "keyPassword",
  "masterKey",
  "apiKey",
  "assertion",
];
const redactPaths = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** Field-name and known-secret-value redaction (lib/audit/redact) of everything but errors, which pino serializes. */
function redactFields(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, value instanceof Error ? value : redact({ [key]: value })[key]]),
  );
}

export interface LoggerOptions {
  /** Default info (LOG_LEVEL). */
  level?: string;
  /** json, or pretty for people; default pretty only when the destination is a terminal (LOG_FORMAT). */
  format?: "json" | "pretty";
  /** A file descriptor (1 stdout, 2 stderr) or a stream (tests capture lines here); default stdout. */
  destination?: 1 | 2 | DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? 1;
  const terminal = typeof destination === "number" && Boolean(process[destination === 1 ? "stdout" : "stderr"].isTTY);
  const format = options.format ?? (terminal ? "pretty" : "json");
  const stream =
    format === "pretty"
      ? pretty({ destination, colorize: terminal, sync: true })
      : typeof destination === "number"
        ? pino.destination({ dest: destination, sync: true })
        : destination;
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: redactFields },
      redact: { paths: redactPaths, censor: "[redacted]" },
      // Known secret values (opened or sealed by this process) in any encoding, wherever they ended up in the line.
      hooks: { streamWrite: (line) => redact(line) },
    },
    stream,
  );
}

/** LOG_LEVEL and LOG_FORMAT, read alone: a logger must come up even when another setting is wrong. */
function fromEnvironment(defaults: LoggerOptions): LoggerOptions {
  const level = logLevel.safeParse(process.env.LOG_LEVEL || undefined);
  const format = logFormat.safeParse(process.env.LOG_FORMAT || undefined);
  return {
    ...defaults,
    ...(level.success ? { level: level.data } : {}),
    ...(format.success ? { format: format.data } : {}),
  };
}

type LoggingState = { logger?: Logger; context: AsyncLocalStorage<Logger> };
const holder = globalThis as unknown as { hybridProvisionerLogging?: LoggingState };
const state = (): LoggingState => (holder.hybridProvisionerLogging ??= { context: new AsyncLocalStorage<Logger>() });

/**
 * Sets up the process's logger from LOG_LEVEL and LOG_FORMAT over these defaults (the CLI: stderr, warn, so its
 * output stays its own).
 */
export function configureLogging(defaults: LoggerOptions = {}): Logger {
  return setProcessLogger(createLogger(fromEnvironment(defaults)));
}

/** Makes `logger` the process's logger (tests capture the log this way). */
export function setProcessLogger(logger: Logger): Logger {
  state().logger = logger;
  return logger;
}

/** The logger of the current request or run (a child with its ids), or the process's. */
export function log(): Logger {
  const current = state();
  return current.context.getStore() ?? (current.logger ??= createLogger(fromEnvironment({})));
}

/** Runs `work` with log() returning a child of the current logger with these fields on every line. */
export function withLogContext<T>(bindings: Record<string, string | number | undefined>, work: () => T): T {
  return state().context.run(log().child(bindings), work);
}
