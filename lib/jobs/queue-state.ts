import { parseExpression } from "cron-parser";
import type { DbTx } from "@/lib/db/client";
import { REVERIFY_QUEUE, RUN_QUEUE } from "./queues";

// Read-only views of pg-boss's own tables (schema "pgboss"), which exist once a queue client or worker has started.

const hasQueueTables = async (db: DbTx) =>
  (await db.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS present`)[0]!.present;

/** Run jobs waiting for a worker or being worked on (before the engine records a run, they are only here). */
export async function pendingRunJobs(db: DbTx): Promise<number> {
  if (!(await hasQueueTables(db))) return 0;
  const rows = await db.$queryRaw<{ pending: bigint }[]>`
    SELECT count(*) AS pending FROM pgboss.job
    WHERE name = ${RUN_QUEUE} AND state IN ('created', 'retry', 'active')`;
  return Number(rows[0]!.pending);
}

export interface ReverifySchedule {
  /** The cron expression a worker registered; null when none is scheduled (REVERIFY_CRON=off, or no worker yet). */
  cron: string | null;
  timezone: string;
  /** When the scheduled job last started (pg-boss keeps finished jobs about two weeks); null when none is known. */
  lastRunAt: Date | null;
  /** The next time the schedule fires; null when there is no schedule. */
  nextRunAt: Date | null;
}

/**
 * The scheduled re-verification as pg-boss holds it: the schedule a worker registered, the last job it produced, and
 * the next time its cron expression fires (computed with cron-parser, the parser pg-boss itself schedules with).
 */
export async function reverifySchedule(db: DbTx, now = new Date()): Promise<ReverifySchedule> {
  const none: ReverifySchedule = { cron: null, timezone: "UTC", lastRunAt: null, nextRunAt: null };
  if (!(await hasQueueTables(db))) return none;
  const [schedules, runs] = await Promise.all([
    db.$queryRaw<{ cron: string; timezone: string | null }[]>`
      SELECT cron, timezone FROM pgboss.schedule WHERE name = ${REVERIFY_QUEUE}`,
    db.$queryRaw<{ last: Date | null }[]>`
      SELECT max(coalesce(started_on, created_on)) AS last FROM (
        SELECT started_on, created_on FROM pgboss.job WHERE name = ${REVERIFY_QUEUE} AND state <> 'created'
        UNION ALL
        SELECT started_on, created_on FROM pgboss.archive WHERE name = ${REVERIFY_QUEUE}
      ) AS jobs`,
  ]);
  const lastRunAt = runs[0]?.last ?? null;
  const schedule = schedules[0];
  if (!schedule) return { ...none, lastRunAt };
  const timezone = schedule.timezone ?? "UTC";
  return { cron: schedule.cron, timezone, lastRunAt, nextRunAt: nextCronTime(schedule.cron, { timezone, now }) };
}

/** The first time after `now` the expression fires; null when it does not parse. */
export function nextCronTime(cron: string, { timezone, now }: { timezone: string; now: Date }): Date | null {
  try {
    return parseExpression(cron, { currentDate: now, tz: timezone }).next().toDate();
  } catch {
    return null;
  }
}
