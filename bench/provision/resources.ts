// Where the measured run's time goes on this machine: CPU of this process (engine and sandboxes share it) and of
// PostgreSQL, event-loop busy share, and how often the audit chain lock was held or waited for.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { runningPostmaster } from "@/lib/runtime/embedded-postgres";

const ticksPerSecond = 100;

/** User + system CPU seconds of the postmaster, its live children and the children it has reaped. */
function postgresCpuSeconds(postmaster: number): number {
  const fieldsOf = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    } catch {
      return undefined;
    }
  };
  const own = fieldsOf(postmaster);
  if (!own) return 0;
  // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean);
  } catch {
    children = [];
  }
  for (const child of children) {
    const fields = fieldsOf(Number(child));
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / ticksPerSecond;
}

// The key recordAuditEvent locks (lib/audit/record.ts); pg_locks shows a bigint key as objid with classid 0.
const CHAIN_LOCK_KEY = 72_011_904;

interface ResourceReport {
  processCpuSeconds: number;
  eventLoopBusy: number;
  postgresCpuSeconds: number;
  databaseTransactions: number;
  /** Share of lock samples in which a transaction held the audit chain lock, and mean transactions waiting for it. */
  chainLock?: { heldShare: number; meanWaiting: number; samples: number };
}

/** Starts measuring; `stop()` returns what the interval used. Lock sampling (a query every 20 ms) only when asked. */
export async function measureResources(
  databaseUrl: string,
  postgresDirectory: string,
  options: { sampleLock: boolean },
) {
  const postmaster = runningPostmaster(postgresDirectory);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const transactions = async () =>
    Number(
      (
        await client.query<{ n: string }>(
          "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()",
        )
      ).rows[0]?.n ?? 0,
    );
  const startCpu = process.cpuUsage();
  const startLoop = performance.eventLoopUtilization();
  const startPostgres = postmaster ? postgresCpuSeconds(postmaster) : 0;
  const startTransactions = await transactions();
  const lock = { held: 0, waiting: 0, samples: 0 };
  let sampling = options.sampleLock;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await client.query<{ granted: boolean; n: string }>(
        "SELECT granted, count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 GROUP BY granted",
        [CHAIN_LOCK_KEY],
      );
      lock.samples += 1;
      for (const row of rows) {
        if (row.granted) lock.held += 1;
        else lock.waiting += Number(row.n);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();

  return {
    async stop(): Promise<ResourceReport> {
      sampling = false;
      await sampler;
      const cpu = process.cpuUsage(startCpu);
      const report: ResourceReport = {
        processCpuSeconds: (cpu.user + cpu.system) / 1e6,
        eventLoopBusy: performance.eventLoopUtilization(startLoop).utilization,
        postgresCpuSeconds: postmaster ? postgresCpuSeconds(postmaster) - startPostgres : Number.NaN,
        // Statistics reach pg_stat_database within a second of a backend going idle.
        databaseTransactions: Number.NaN,
      };
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      report.databaseTransactions = (await transactions()) - startTransactions;
      if (options.sampleLock)
        report.chainLock = {
          heldShare: lock.held / Math.max(1, lock.samples),
          meanWaiting: lock.waiting / Math.max(1, lock.samples),
          samples: lock.samples,
        };
      await client.end();
      return report;
    },
  };
}

/** CPU seconds the run, PostgreSQL and the sandboxes used here, spread over this machine's cores: a floor the bound ignores. */
export function cpuFloorSeconds(
  report: ResourceReport,
  sandboxCpuSeconds: number,
  cores = availableParallelism(),
): number {
  return (report.processCpuSeconds + report.postgresCpuSeconds + sandboxCpuSeconds) / cores;
}

export function describeResources(report: ResourceReport, tenants: number, wallSeconds: number): string {
  const lines = [
    `CPU during the run: this process ${report.processCpuSeconds.toFixed(1)} s (${((report.processCpuSeconds / tenants) * 1000).toFixed(0)} ms per tenant; event loop busy ${(report.eventLoopBusy * 100).toFixed(0)}%), ` +
      `PostgreSQL ${report.postgresCpuSeconds.toFixed(1)} s; ${(report.databaseTransactions / tenants).toFixed(0)} database transactions per tenant; wall ${wallSeconds.toFixed(1)} s`,
  ];
  if (report.chainLock) {
    lines.push(
      `  audit chain lock held in ${(report.chainLock.heldShare * 100).toFixed(0)}% of ${report.chainLock.samples} samples, ${report.chainLock.meanWaiting.toFixed(2)} transactions waiting on average`,
    );
  }
  return lines.join("\n");
}
