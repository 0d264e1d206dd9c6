// How a step boundary of an apply is recorded: as one statement with its audit records when it can be, otherwise in
// one transaction (step-records.ts writes its parts).
import { appendForRun, recordAuditEvents, type AuditContext } from "@/lib/audit/record";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { runFinishEvent, runFinishStatement, writeRunFinish, type RunHandle, type RunOutcome } from "./run-records";
import {
  isOrgTaken,
  orgTakenError,
  startEvent,
  TENANT_RECORDS,
  transitionParts,
  type Ctes,
  type StepTransition,
  type Writing,
} from "./step-records";
import type { TenantView } from "../model/tenant-view";

/** How a transition ended: the StepRun of the step it began, or the run's end when an operator had asked it to stop. */
export interface TransitionRecord {
  stepRunId?: string;
  cancelled?: RunOutcome;
}

const withCtes = (ctes: Ctes) =>
  ctes.length > 0
    ? Prisma.sql`WITH ${Prisma.join(
        ctes.map(({ name, body }) => Prisma.sql`${Prisma.raw(name)} AS (${body})`),
        ",\n",
      )}`
    : Prisma.empty;

/** The rows the expressions wrote; reading them makes the statement write them at that point. */
const rowsWritten = (ctes: Ctes) =>
  Prisma.join(
    ctes.map(({ name }) => Prisma.sql`(SELECT count(*) FROM ${Prisma.raw(name)})`),
    " + ",
  );

/**
 * The usual transition (a step's end and the next one's start, or the run's end, with no lease to move on) as one
 * statement with its audit records: no transaction of its own, so one round trip. Undefined when it cannot be one, or
 * when the statement was refused (the chain moved on, an operator asked the run to stop before its next step, or
 * another transaction held the tenant's row): it wrote nothing then, and the caller writes the transition in a
 * transaction.
 */
async function recordInOneStatement(
  db: Db,
  audit: AuditContext,
  { tenant, run, transition }: { tenant: TenantView; run: RunHandle; transition: StepTransition },
): Promise<TransitionRecord | undefined> {
  const result = transition.completed?.result;
  const { begin, finish } = transition;
  if ((transition.extendLeaseMs && !finish) || !(begin || finish)) return undefined;
  const writing: Writing = { tx: db, tenant, run, now: new Date() };
  const { events, ctes, stepRunId } = await transitionParts(writing, transition);
  if (begin) events.push(startEvent(writing, begin));
  if (finish) {
    ctes.push({ name: "run_end", body: runFinishStatement({ run, outcome: finish }, writing.now) });
    events.push(runFinishEvent({ tenant, run, outcome: finish }));
  }
  const knownSecrets = Object.values(result?.secrets ?? {});
  // The statement's writes are counted into the append's arguments, so they are done before it takes the chain lock.
  const after = rowsWritten(ctes);
  const written = await appendForRun(
    audit,
    // A cancel request refuses a boundary that would start a step; the run's end is written either way.
    { events, knownSecrets, runId: begin ? run.id : null, after },
    (append) => db.$queryRaw`${withCtes(ctes)} SELECT ${append} AS appended`,
  );
  if (!written) return undefined;
  return { stepRunId };
}

/**
 * Records a transition: as one statement when it can be (recordInOneStatement), otherwise in one transaction: the
 * tenant's row locked first when the step writes on it (waiting for a key being prepared), then the rest in one
 * statement (step end, tenant records, steps passed over, lease, next step's start), the run's end, and the audit
 * records. A run an operator asked to stop does not begin its next step: it ends with `transition.cancelled(by)`
 * instead. An org that another tenant holds fails the transition (AppError "conflict"), and nothing is written.
 */
export async function recordStepTransition(
  db: Db,
  audit: AuditContext,
  { tenant, run, transition }: { tenant: TenantView; run: RunHandle; transition: StepTransition },
): Promise<TransitionRecord> {
  try {
    return (
      (await recordInOneStatement(db, audit, { tenant, run, transition })) ??
      (await recordInTransaction(db, audit, { tenant, run, transition }))
    );
  } catch (error) {
    const org = transition.completed?.result.org;
    if (org && isOrgTaken(error)) throw await orgTakenError(db, tenant, org);
    throw error;
  }
}

async function recordInTransaction(
  db: Db,
  audit: AuditContext,
  { tenant, run, transition }: { tenant: TenantView; run: RunHandle; transition: StepTransition },
): Promise<TransitionRecord> {
  const secretValues = Object.values(transition.completed?.result.secrets ?? {});
  return db.$transaction(async (tx) => {
    const writing: Writing = { tx, tenant, run, now: new Date() };
    const { events, ctes, stepRunId } = await transitionParts(writing, transition);
    if (ctes.some(({ name }) => name === TENANT_RECORDS))
      await tx.$executeRaw`SELECT 1 FROM tenants WHERE id = ${tenant.id}::uuid FOR UPDATE`;
    const began = transition.begin ? Prisma.sql`(SELECT count(*) FROM started)::int` : Prisma.sql`0`;
    // Every expression read, so that those which only select (the tenant records) run too.
    const written = ctes.length > 0 ? rowsWritten(ctes) : Prisma.sql`0`;
    const [asked] = await tx.$queryRaw<{ began: number; cancelledBy: string | null }[]>`
      ${withCtes(ctes)}
      SELECT ${began} AS began, ${written} AS written, cancelled_by AS "cancelledBy" FROM runs WHERE id = ${run.id}::uuid`;
    const record: TransitionRecord = {};
    if (transition.begin && asked?.began === 1) {
      record.stepRunId = stepRunId;
      events.push(startEvent(writing, transition.begin));
    } else if (transition.begin) {
      if (!transition.cancelled) throw new Error(`The run was stopped before "${transition.begin}" and cannot end.`);
      record.cancelled = transition.cancelled(asked?.cancelledBy ?? "an operator");
      events.push(await writeRunFinish(tx, { tenant, run, outcome: record.cancelled }));
    }
    if (transition.finish) events.push(await writeRunFinish(tx, { tenant, run, outcome: transition.finish }));
    await recordAuditEvents(tx, audit, { events, knownSecrets: secretValues });
    return record;
  });
}
