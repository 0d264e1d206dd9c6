// Gauges read from the database when Prometheus scrapes: the fleet (tenants by status, drift, certificates), the job
// queue and the audit chain. One snapshot serves every gauge of a scrape and is kept for a few seconds, so frequent
// or concurrent scrapes cost the database a few cheap queries at most once per interval.
import { setTimeout as delay } from "node:timers/promises";
import { Gauge, type Registry } from "prom-client";
import { sharedChainStatus } from "@/lib/audit/chain-status";
import type { DbTx } from "@/lib/db/client";
import { overviewCounts } from "@/lib/tenants/overview-counts";
import { METRIC_PREFIX, metricsRegistry } from "./metrics";

type QueueRow = { name: string; waiting: bigint; oldest: Date | null };

interface Snapshot {
  tenantsByStatus: Record<string, number>;
  driftedTenants: number;
  /** Days until the first certificate in use expires (negative once it has); undefined without any certificate. */
  certificateDays: number | undefined;
  queues: { name: string; waiting: number; oldestSeconds: number }[];
  queuedRuns: { count: number; oldestSeconds: number };
  /** 1 intact, 0 broken; undefined while the first check of this process has not finished. */
  auditChainOk: number | undefined;
}

const secondsSince = (date: Date | null | undefined, now: number) =>
  date ? Math.max(0, (now - date.getTime()) / 1000) : 0;

async function pgBossQueues(db: DbTx): Promise<QueueRow[]> {
  const [tables] = await db.$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('pgboss.job') IS NOT NULL AS present`;
  if (!tables?.present) return [];
  return db.$queryRaw<QueueRow[]>`
    SELECT name, count(*) AS waiting, min(created_on) AS oldest FROM pgboss.job
    WHERE state IN ('created', 'retry') GROUP BY name`;
}

/** The chain's last verdict; the first check of a large log may take a while, so a scrape waits for it only briefly. */
async function auditChainOk(db: DbTx, waitMs: number): Promise<number | undefined> {
  const status = sharedChainStatus(db).then((chain) => (chain.report.ok ? 1 : 0));
  const timeout = delay(waitMs, undefined, { ref: false });
  return Promise.race([status.catch(() => undefined), timeout]);
}

async function readSnapshot(db: DbTx, chainWaitMs: number): Promise<Snapshot> {
  const now = Date.now();
  const [counts, certificate, queues, queued, chain] = await Promise.all([
    overviewCounts(db, new Date(now)),
    db.tenant.aggregate({ _min: { certificateExpiresAt: true } }),
    pgBossQueues(db),
    db.run.aggregate({ where: { status: "queued" }, _count: { _all: true }, _min: { queuedAt: true } }),
    auditChainOk(db, chainWaitMs),
  ]);
  const firstExpiry = certificate._min.certificateExpiresAt;
  return {
    tenantsByStatus: counts.byStatus,
    driftedTenants: counts.drifted,
    certificateDays: firstExpiry ? (firstExpiry.getTime() - now) / 86_400_000 : undefined,
    queues: queues.map((row) => ({
      name: row.name,
      waiting: Number(row.waiting),
      oldestSeconds: secondsSince(row.oldest, now),
    })),
    queuedRuns: { count: queued._count._all, oldestSeconds: secondsSince(queued._min.queuedAt, now) },
    auditChainOk: chain,
  };
}

export interface DatabaseGaugeOptions {
  /** How long one snapshot serves scrapes (default 10 s). */
  cacheMs?: number;
  /** How long a scrape waits for the first audit chain check of the process (default 2 s). */
  chainWaitMs?: number;
  registry?: Registry;
}

/** Registers the database gauges on the process's registry (once per registry), reading through `db`. */
export function registerDatabaseGauges(db: DbTx, options: DatabaseGaugeOptions = {}): void {
  const registry = options.registry ?? metricsRegistry();
  if (registry.getSingleMetric(`${METRIC_PREFIX}tenants`)) return;
  const cacheMs = options.cacheMs ?? 10_000;
  let cached: { at: number; snapshot: Promise<Snapshot> } | undefined;
  const snapshot = () => {
    if (!cached || Date.now() - cached.at >= cacheMs) {
      const read = readSnapshot(db, options.chainWaitMs ?? 2_000);
      cached = { at: Date.now(), snapshot: read };
      // A failed read is not kept: the next scrape tries again.
      read.catch(() => (cached = undefined));
    }
    return cached.snapshot;
  };
  const gauge = <L extends string>(
    { name, help, labelNames }: { name: string; help: string; labelNames: readonly L[] },
    fill: (gauge: Gauge<L>, snapshot: Snapshot) => void,
  ) =>
    new Gauge<L>({
      name: `${METRIC_PREFIX}${name}`,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        fill(this, await snapshot());
      },
    });

  gauge(
    { name: "tenants", help: "Tenants by status, as the overview counts them.", labelNames: ["status"] },
    (g, s) => {
      for (const [status, count] of Object.entries(s.tenantsByStatus)) g.set({ status }, count);
    },
  );
  gauge(
    {
      name: "tenants_drifted",
      help: "Tenants with at least one step found drifted or missing by the last verify.",
      labelNames: [],
    },
    (g, s) => g.set(s.driftedTenants),
  );
  gauge(
    {
      name: "certificate_expiry_days",
      help: "Days until the first SAML signing certificate in use expires (negative once expired; absent without any).",
      labelNames: [],
    },
    (g, s) => {
      if (s.certificateDays === undefined) g.remove();
      else g.set(s.certificateDays);
    },
  );
  gauge(
    {
      name: "queue_jobs_waiting",
      help: "Jobs waiting for a worker in the pg-boss queues, by queue.",
      labelNames: ["queue"],
    },
    (g, s) => {
      for (const queue of s.queues) g.set({ queue: queue.name }, queue.waiting);
    },
  );
  gauge(
    {
      name: "queue_oldest_job_age_seconds",
      help: "Age of the oldest job waiting for a worker, by queue.",
      labelNames: ["queue"],
    },
    (g, s) => {
      for (const queue of s.queues) g.set({ queue: queue.name }, queue.oldestSeconds);
    },
  );
  gauge({ name: "runs_queued", help: "Runs asked for and not yet taken over by a worker.", labelNames: [] }, (g, s) =>
    g.set(s.queuedRuns.count),
  );
  gauge(
    {
      name: "runs_oldest_queued_age_seconds",
      help: "Age of the oldest queued run (0 when none waits).",
      labelNames: [],
    },
    (g, s) => g.set(s.queuedRuns.oldestSeconds),
  );
  gauge(
    {
      name: "audit_chain_ok",
      help: "1 when the audit log's hash chain and checkpoints verified, 0 when broken (checked at most once a minute).",
      labelNames: [],
    },
    (g, s) => {
      if (s.auditChainOk === undefined) g.remove();
      else g.set(s.auditChainOk);
    },
  );
}
