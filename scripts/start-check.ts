// `npm start` on the Node.js running this script, as an operator would: a fresh embedded data directory on free
// ports; liveness, readiness and the sign-in page must answer 200, and SIGTERM must stop it with exit code 0.
// `npm test` runs it with Node 24 when NODE24_PATH is set (scripts/test-all.ts).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../test/support/free-port";
import { until } from "../test/support/until";

const dataDirectory = mkdtempSync(join(tmpdir(), "hp-start-check-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDirectory,
  PORT: String(port),
  HOST: "127.0.0.1",
  EMBEDDED_POSTGRES_PORT: String(await freePort()),
  GENESYS_SANDBOX_PORT: String(await freePort()),
  GAX_SANDBOX_PORT: String(await freePort()),
};
for (const name of ["DATABASE_URL", "MIGRATION_DATABASE_URL", "TEST_DATABASE_URL", "NEXTAUTH_URL", "NEXTAUTH_SECRET"])
  delete env[name];

console.log(`Starting the dashboard on Node ${process.version} at ${base}`);
const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: "inherit" });
const exited = new Promise<number | string | null>((resolve) =>
  server.once("exit", (code, signal) => resolve(code ?? signal)),
);
const status = async (path: string) => (await fetch(`${base}${path}`).catch(() => undefined))?.status;

let failure: string | undefined;
try {
  // A stale build is rebuilt first, which takes minutes on a small machine.
  await until(async () => server.exitCode !== null || (await status("/api/health")) === 200, {
    timeoutMs: 15 * 60_000,
    intervalMs: 1000,
    what: "/api/health",
  });
  if (server.exitCode !== null) throw new Error(`the dashboard exited with ${server.exitCode} before serving`);
  for (const path of ["/api/health", "/api/ready", "/sign-in"]) {
    const answer = await status(path);
    if (answer !== 200) throw new Error(`${path} answered ${answer}, not 200`);
    console.log(`${path}: 200`);
  }
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
}
server.kill("SIGTERM");
const exit = await Promise.race([
  exited,
  new Promise((resolve) => setTimeout(() => resolve("no exit in 60 s"), 60_000)),
]);
if (exit !== 0) {
  failure ??= `SIGTERM ended the dashboard with ${exit}, not exit code 0`;
  server.kill("SIGKILL");
}
rmSync(dataDirectory, { recursive: true, force: true });
if (failure) {
  console.error(`Start check on Node ${process.version} failed: ${failure}`);
  process.exit(1);
}
console.log(
  `Start check on Node ${process.version} passed: healthy, ready, sign-in page served, clean stop on SIGTERM.`,
);
