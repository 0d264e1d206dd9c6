// `npm run sandbox`: the Genesys Cloud sandbox (and the GAX sandbox when present) in their own process,
// with control endpoints on. Prints the orgs and their bootstrap client credentials (sandbox-only values).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { loadGenesysSeed, startGenesysCloudSandbox, type FaultConfigInput } from "@/sandbox/genesys-cloud";
import type { WindowMode } from "@/sandbox/genesys-cloud/rate-limit";

interface RunningSandbox {
  url: string;
  close(): Promise<void>;
  deploymentUrls?: Record<string, string>;
}

const number = (flag: string, min: number, max: number) => (raw: string) => {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new InvalidArgumentError(`${flag} must be a number from ${min} to ${max}`);
  return value;
};

const windowMode = (raw: string): WindowMode => {
  if (raw === "sliding" || raw === "fixed") return raw;
  throw new InvalidArgumentError(`--rate-limit-window must be sliding or fixed (got "${raw}")`);
};

/** A port from the environment, or the fallback; a bad value stops the start naming the variable. */
function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be a port number from 0 to 65535 (got "${raw}")`);
  return port;
}

const buildProgram = () =>
  new Command("sandbox")
    .description("Start the Genesys Cloud sandbox (login + Platform API on one port) and the GAX sandbox")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option(
      "--port <port>",
      "Genesys Cloud sandbox port (env GENESYS_SANDBOX_PORT)",
      number("--port", 0, 65535),
      envPort("GENESYS_SANDBOX_PORT", 4010),
    )
    .option("--seed <file>", "Genesys Cloud seed JSON (env GENESYS_SANDBOX_SEED)", process.env.GENESYS_SANDBOX_SEED)
    .option("--rate-limit <n>", "API requests per token per minute", number("--rate-limit", 1, 1_000_000), 300)
    .option("--rate-limit-window <mode>", "sliding or fixed API limit window", windowMode, "sliding")
    .option("--latency-ms <ms>", "latency added to every answer", number("--latency-ms", 0, 600_000), 0)
    .option("--jitter-ms <ms>", "random extra latency up to this much", number("--jitter-ms", 0, 600_000), 0)
    .option("--error-rate <share>", "share of requests answered 500/503/504", number("--error-rate", 0, 1), 0)
    .option("--drop-rate <share>", "share of connections cut after handling", number("--drop-rate", 0, 1), 0)
    .option(
      "--burst-429-rate <share>",
      "chance that a request starts a burst of three 429s",
      number("--burst-429-rate", 0, 1),
      0,
    )
    .option(
      "--propagation-delay-s <s>",
      "seconds before new clients, secrets, certificates and role changes take effect",
      number("--propagation-delay-s", 0, 3600),
      0,
    )
    .option("--faults <file>", "fault rules JSON (same body as POST /__sandbox/faults); overrides the fault flags")
    .option(
      "--gax-port <port>",
      "GAX sandbox port (env GAX_SANDBOX_PORT)",
      number("--gax-port", 0, 65535),
      envPort("GAX_SANDBOX_PORT", 4020),
    )
    .option("--gax-seed <file>", "GAX seed JSON (env GAX_SANDBOX_SEED)", process.env.GAX_SANDBOX_SEED)
    .option("--no-gax", "do not start the GAX sandbox");

function faultsFrom(opts: Record<string, unknown>): FaultConfigInput | undefined {
  if (typeof opts.faults === "string") {
    try {
      return JSON.parse(readFileSync(opts.faults, "utf8")) as FaultConfigInput;
    } catch (error) {
      throw new Error(`--faults ${opts.faults}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const rule = {
    latencyMs: opts.latencyMs as number,
    jitterMs: opts.jitterMs as number,
    errorRate: opts.errorRate as number,
    dropRate: opts.dropRate as number,
    ...((opts.burst429Rate as number) > 0 ? { burst429: { rate: opts.burst429Rate as number } } : {}),
  };
  const active = rule.latencyMs || rule.jitterMs || rule.errorRate || rule.dropRate || "burst429" in rule;
  const propagationDelaySeconds = opts.propagationDelayS as number;
  if (!active && !propagationDelaySeconds) return undefined;
  return { rules: active ? [rule] : [], propagationDelaySeconds };
}

async function startGax(opts: Record<string, unknown>): Promise<RunningSandbox | undefined> {
  const modulePath = fileURLToPath(new URL("../sandbox/gax/index.ts", import.meta.url));
  if (!opts.gax || !existsSync(modulePath)) return undefined;
  const gax = (await import(pathToFileURL(modulePath).href)) as {
    startGaxSandbox(options: {
      port: number;
      host: string;
      seed?: string;
      controlEndpoints: boolean;
    }): Promise<RunningSandbox>;
  };
  return gax.startGaxSandbox({
    port: opts.gaxPort as number,
    host: opts.host as string,
    seed: opts.gaxSeed as string | undefined,
    controlEndpoints: true,
  });
}

async function main(): Promise<void> {
  const opts = buildProgram().parse().opts<Record<string, unknown>>();
  const seed = loadGenesysSeed(opts.seed as string | undefined);
  const genesys = await startGenesysCloudSandbox({
    port: opts.port as number,
    host: opts.host as string,
    seed,
    controlEndpoints: true,
    rateLimitPerMinute: opts.rateLimit as number,
    rateLimitWindow: opts.rateLimitWindow as WindowMode,
    faults: faultsFrom(opts),
  });
  console.log(`Genesys Cloud sandbox: ${genesys.url} (login /oauth/token, API /api/v2, control /__sandbox)`);
  for (const org of seed.orgs) {
    console.log(`\n  ${org.name} — short name ${org.thirdPartyOrgName}, region ${org.regionDomain}, id ${org.id}`);
    for (const client of org.oauthClients.filter((c) => c.authorizedGrantType === "CLIENT-CREDENTIALS")) {
      console.log(`    ${client.name}: client id ${client.id}  secret ${client.secret}`);
    }
  }
  const gax = await startGax(opts);
  if (gax) {
    console.log(`\nGAX sandbox: ${gax.url}`);
    for (const [name, url] of Object.entries(gax.deploymentUrls ?? {})) console.log(`  deployment ${name}: ${url}`);
  } else if (opts.gax) {
    console.log("\nGAX sandbox: not available in this build");
  }
  const stop = async () => {
    await Promise.allSettled([genesys.close(), gax?.close()]);
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
