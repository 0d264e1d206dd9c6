import type { DbTx } from "@/lib/db/client";
import { certificateWarningCutoff } from "./overview-certificate";
import { DRIFTED_VERIFY_STATUSES } from "./overview";
import { allApplicableStepsDoneSql } from "./step-applicability";
import type { TenantStatus } from "./statuses";

/** Tenants per status (each tenant in exactly one), plus the two warnings that cut across statuses. */
export interface OverviewCounts {
  total: number;
  byStatus: Record<TenantStatus, number>;
  drifted: number;
  /** Provisioned tenants among the drifted: "Provisioned · 2 drifted" in the chart. */
  provisionedDrifted: number;
  certificateExpiring: number;
}

type CountColumn =
  | "total"
  | "running"
  | "failed"
  | "needs_input"
  | "done"
  | "in_progress"
  | "not_started"
  | "drifted"
  | "done_drifted"
  | "cert_expiring";
type CountRow = Record<CountColumn, bigint>;

/**
 * Every tenant's status counted in one aggregate query, with the same precedence as the status filter
 * (overviewWhere): running, failed, needs input, done, in progress, not started. So a counter's number is the number
 * of rows its link shows. Counts the whole installation, not the current filters.
 */
export async function overviewCounts(db: DbTx, now = new Date()): Promise<OverviewCounts> {
  const rows = await db.$queryRaw<CountRow[]>`
    WITH steps AS (
      SELECT tenant_id,
             bool_or(status = 'running') AS running,
             bool_or(status = 'failed') AS failed,
             bool_or(status = 'needs-input') AS waiting,
             bool_or(status = 'done') AS started,
             ${allApplicableStepsDoneSql.aggregates},
             bool_or(verify_status = ANY(${DRIFTED_VERIFY_STATUSES}::text[])) AS drifted
      FROM step_states
      GROUP BY tenant_id
    ),
    leased AS (
      SELECT DISTINCT tenant_id FROM runs WHERE status = 'running' AND lease_expires_at > ${now}
    ),
    flags AS (
      SELECT coalesce(s.running, false) OR l.tenant_id IS NOT NULL AS running,
             coalesce(s.failed, false) AS failed,
             coalesce(s.waiting, false) AS waiting,
             coalesce(s.started, false) AS started,
             ${allApplicableStepsDoneSql.condition} AS finished,
             coalesce(s.drifted, false) AS drifted,
             t.certificate_expires_at < ${certificateWarningCutoff(now)} AS cert_expiring
      FROM tenants t
      JOIN deployments d ON d.id = t.deployment_id
      LEFT JOIN steps s ON s.tenant_id = t.id
      LEFT JOIN leased l ON l.tenant_id = t.id
    )
    SELECT count(*) AS total,
           count(*) FILTER (WHERE running) AS running,
           count(*) FILTER (WHERE NOT running AND failed) AS failed,
           count(*) FILTER (WHERE NOT running AND NOT failed AND waiting) AS needs_input,
           count(*) FILTER (WHERE NOT running AND NOT failed AND NOT waiting AND finished) AS done,
           count(*) FILTER (WHERE NOT running AND NOT failed AND NOT waiting AND NOT finished AND started)
             AS in_progress,
           count(*) FILTER (WHERE NOT running AND NOT failed AND NOT waiting AND NOT started) AS not_started,
           count(*) FILTER (WHERE drifted) AS drifted,
           count(*) FILTER (WHERE NOT running AND NOT failed AND NOT waiting AND finished AND drifted) AS done_drifted,
           count(*) FILTER (WHERE cert_expiring) AS cert_expiring
    FROM flags`;
  const row = rows[0]!;
  return {
    total: Number(row.total),
    byStatus: {
      "not-started": Number(row.not_started),
      "in-progress": Number(row.in_progress),
      running: Number(row.running),
      failed: Number(row.failed),
      "needs-input": Number(row.needs_input),
      done: Number(row.done),
    },
    drifted: Number(row.drifted),
    provisionedDrifted: Number(row.done_drifted),
    certificateExpiring: Number(row.cert_expiring),
  };
}
