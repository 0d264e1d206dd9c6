// Test helpers: real worker processes (`scripts/worker.ts`) with short timeouts, killed with SIGKILL at will.
import { spawn, type ChildProcess } from "node:child_process";
import type { QueueSettings } from "./queues";

/** Short timeouts so a killed worker's job comes back within seconds. */
export const fastRetrySettings: QueueSettings = {
  jobTimeoutSeconds: 3,
  maintenanceIntervalSeconds: 1,
  retryDelaySeconds: 1,
  fixedRetryDelay: true,
};

/** The run lease of the worker processes: a killed one's tenant is free again this soon. */
export const WORKER_LEASE_SECONDS = 2;

const workerEnv = () => ({
  ...process.env,
  RUN_LEASE_SECONDS: String(WORKER_LEASE_SECONDS),
  JOB_TIMEOUT_SECONDS: String(fastRetrySettings.jobTimeoutSeconds),
  JOB_MAINTENANCE_SECONDS: String(fastRetrySettings.maintenanceIntervalSeconds),
  JOB_RETRY_DELAY_SECONDS: "1",
  REVERIFY_CRON: "off",
  WORKER_CONCURRENCY: "1",
});

/** Starts and kills worker processes; `killAll` in afterAll. */
export function workerProcesses() {
  const children: ChildProcess[] = [];
  const kill = (child: ChildProcess) =>
    new Promise((resolve) =>
      child.exitCode !== null || child.signalCode !== null
        ? resolve(null)
        : (child.once("exit", resolve), child.kill("SIGKILL")),
    );
  return {
    /** `env` overrides the fast settings (e.g. REVERIFY_CRON). */
    start(env: Record<string, string> = {}): ChildProcess {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        env: { ...workerEnv(), ...env },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
      return child;
    },
    kill,
    killAll: () => Promise.all(children.map(kill)),
  };
}
