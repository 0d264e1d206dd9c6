import type PgBoss from "pg-boss";
import type { AuditContext } from "@/lib/audit/record";
import { RUN_QUEUE, runJobSchema, type RunJob } from "./queues";

type RunRequest = { tenantId: string; mode: RunJob["mode"]; stepKey?: string };

const jobOf = (request: RunRequest, audit: AuditContext): RunJob =>
  runJobSchema.parse({
    ...request,
    actor: audit.actor,
    clientAddress: audit.clientAddress ?? null,
    userAgent: audit.userAgent ?? null,
  });

/** Queues one run; a worker (in the app or `npm run worker`) picks it up. Returns the job id. */
export async function enqueueRun(boss: PgBoss, request: RunRequest, audit: AuditContext): Promise<string> {
  const id = await boss.send(RUN_QUEUE, jobOf(request, audit));
  if (!id) throw new Error("The run could not be queued.");
  return id;
}

/** Queues runs for many tenants in one statement (bulk plan, apply or verify). */
export async function enqueueRuns(
  boss: PgBoss,
  { tenantIds, mode, audit }: { tenantIds: string[]; mode: RunJob["mode"]; audit: AuditContext },
): Promise<number> {
  if (tenantIds.length === 0) return 0;
  await boss.insert(tenantIds.map((tenantId) => ({ name: RUN_QUEUE, data: jobOf({ tenantId, mode }, audit) })));
  return tenantIds.length;
}
