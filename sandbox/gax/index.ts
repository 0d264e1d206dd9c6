import { serve, type ServerType } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { toApiError } from "./api-errors";
import { createGaxApi, deploymentAndFaults, type GaxEnv } from "./api-routes";
import { createControlRoutes } from "./control-routes";
import { defaultGaxSeed } from "./default-seed";
import { faultConfigSchema, type FaultConfigInput } from "./faults";
import { SandboxRuntime } from "./sandbox-runtime";
import { parseGaxSeed, type GaxSandboxSeed } from "./seed-schema";

export { defaultGaxSeed } from "./default-seed";
export { gaxSandboxSeedSchema, parseGaxSeed, type GaxSandboxSeed } from "./seed-schema";
export { obscureGaxPassword } from "./obscure-password";
export type { FaultConfigInput } from "./faults";

export interface GaxSandboxOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A seed object or the path of a seed JSON file. Default: defaultGaxSeed. */
  seed?: GaxSandboxSeed | string;
  /** Mount /__sandbox/faults, /__sandbox/state and /__sandbox/reset. Default false. */
  controlEndpoints?: boolean;
  /** Faults active from the start (same shape as the body of POST /__sandbox/faults). */
  faults?: FaultConfigInput;
}

export interface GaxSandbox {
  /** Root URL; the default deployment's API is at `${url}/gax/api`, every deployment's at `${url}/<name>/gax/api`. */
  url: string;
  port: number;
  /** Base URL of each deployment, to give the bridge as its `baseUrl`. */
  deploymentUrls: Record<string, string>;
  close(): Promise<void>;
}

async function loadSeed(seed: GaxSandboxSeed | string | undefined) {
  if (typeof seed === "string") return parseGaxSeed(JSON.parse(await readFile(seed, "utf8")));
  return parseGaxSeed(seed ?? defaultGaxSeed);
}

function onError(error: Error, c: Context) {
  const known = toApiError(error);
  if (known) return c.json({ status: known.status, message: known.message }, known.status);
  console.error("GAX sandbox: unexpected error", error);
  return c.json({ status: 500, message: "Internal sandbox error" }, 500);
}

export async function startGaxSandbox(options: GaxSandboxOptions = {}): Promise<GaxSandbox> {
  const runtime = new SandboxRuntime(await loadSeed(options.seed));
  if (options.faults) runtime.faults.configure(faultConfigSchema.parse(options.faults));

  const app = new Hono<GaxEnv>();
  app.onError(onError);
  if (options.controlEndpoints) {
    const control = createControlRoutes(runtime);
    control.onError(onError);
    app.route("/__sandbox", control);
  }
  const api = createGaxApi();
  api.onError(onError);
  for (const base of ["/gax/api", "/:deployment/gax/api"]) {
    app.use(`${base}/*`, deploymentAndFaults(runtime));
    app.route(base, api);
  }

  const host = options.host ?? "127.0.0.1";
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(started));
    started.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    deploymentUrls: Object.fromEntries([...runtime.deployments.keys()].map((name) => [name, `${url}/${name}`])),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
