// The Genesys Cloud sandbox: a real HTTP server for the login and Platform API endpoints the provisioner uses.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buildApiRouter } from "./api-routes";
import { defaultGenesysSeed } from "./default-seed";
import { FaultInjector, type FaultConfigInput } from "./faults";
import { Router } from "./http/router";
import { MinuteWindowLimiter, type WindowMode } from "./rate-limit";
import { registerControlRoutes } from "./routes/control";
import { parseGenesysSeed, type GenesysSandboxSeed, type GenesysSandboxSeedInput } from "./seed-schema";
import { createHandler } from "./server";
import { buildState } from "./state";

export { defaultGenesysSeed, bootstrapClientOf } from "./default-seed";
export { type GenesysSandboxSeed, type GenesysSandboxSeedInput } from "./seed-schema";
export { type FaultConfigInput } from "./faults";

const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;
/** Token requests per client id per minute before the token endpoint answers "rate limit exceeded" (convention). */
const DEFAULT_TOKEN_RATE_LIMIT_PER_MINUTE = 120;

export interface GenesysSandboxOptions {
  /** 0 (default) picks any free port. */
  port?: number;
  host?: string;
  /** A seed object or the path of a JSON seed file; the built-in three-org seed by default. */
  seed?: GenesysSandboxSeedInput | string;
  /** Enables `GET /__sandbox/state`, `POST /__sandbox/reset` and `POST /__sandbox/faults`. */
  controlEndpoints?: boolean;
  /** Platform API requests per access token per minute. */
  rateLimitPerMinute?: number;
  /** Length of a rate-limit window (default 60 s); shorter windows let tests exercise the limit quickly. */
  rateLimitWindowSeconds?: number;
  /** How the window is counted: `sliding` (default, the strictest) or `fixed` (opened by a token's first request). */
  rateLimitWindow?: WindowMode;
  tokenRateLimitPerMinute?: number;
  faults?: FaultConfigInput;
  /** How the roles list shows policies in every org, overriding the seed's `roleListPolicies` (default "full"). */
  roleListPolicies?: GenesysSandboxSeed["orgs"][number]["roleListPolicies"];
}

export interface RunningGenesysSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function loadGenesysSeed(seed: GenesysSandboxSeedInput | string | undefined): GenesysSandboxSeed {
  if (seed === undefined) return defaultGenesysSeed;
  if (typeof seed !== "string") return parseGenesysSeed(seed);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(seed, "utf8"));
  } catch (error) {
    throw new Error(
      `Cannot read the Genesys Cloud sandbox seed file ${seed}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseGenesysSeed(json, `seed file ${seed}`);
}

export async function startGenesysCloudSandbox(options: GenesysSandboxOptions = {}): Promise<RunningGenesysSandbox> {
  const loaded = loadGenesysSeed(options.seed);
  const { roleListPolicies } = options;
  const seed = roleListPolicies ? { orgs: loaded.orgs.map((org) => ({ ...org, roleListPolicies })) } : loaded;
  let state = buildState(seed);
  const faults = new FaultInjector();
  if (options.faults) faults.set(options.faults);
  const apiLimiter = new MinuteWindowLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE, {
    windowMs: (options.rateLimitWindowSeconds ?? 60) * 1000,
    now: Date.now,
    mode: options.rateLimitWindow ?? "sliding",
  });
  const tokenLimiter = new MinuteWindowLimiter(options.tokenRateLimitPerMinute ?? DEFAULT_TOKEN_RATE_LIMIT_PER_MINUTE);

  const apiRouter = buildApiRouter();
  const controlRouter = options.controlEndpoints ? new Router() : undefined;
  if (controlRouter) registerControlRoutes(controlRouter);

  const handler = createHandler({
    state: () => state,
    apiRouter,
    controlRouter,
    faults,
    apiLimiter,
    runtime: {
      reset: () => {
        state = buildState(seed);
        apiLimiter.clear();
        tokenLimiter.clear();
        faults.set({});
      },
      setFaults: (input) => faults.set(input),
      tokenLimiterTake: (clientId) => tokenLimiter.take(clientId).allowed,
      propagationDelayMs: () => faults.propagationDelayMs(),
    },
  });
  const server = createServer((req, res) => void handler(req, res));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
