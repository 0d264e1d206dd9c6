import type { DbTx } from "@/lib/db/client";
import { sqlStateOf } from "@/lib/db/sql-state";
import { auditEventSchema, type AuditEventInput } from "@/lib/audit/events";
import { AUDIT_FIELD_CAPS, boundedDetails, boundedOrNull } from "@/lib/audit/bounds";
import { currentChainKey } from "@/lib/audit/chain-key";
import { auditRowHash, genesisHash, type ChainedFields } from "@/lib/audit/hash";
import { redact } from "@/lib/audit/redact";
import { Prisma, type AuditEvent } from "@/lib/generated/prisma/client";

export type AuditActor = { id: string | null; email: string | null; role: string | null };
export type AuditContext = { actor: AuditActor; clientAddress?: string | null; userAgent?: string | null };

// Serialises writers so sequence numbers and the hash chain follow commit order.
const chainLockKey = 72_011_904;

/**
 * The last row this process appended, or is about to append. This process's writers ask for the lock in turn (see
 * inTurn), so this is usually the end of the chain when the lock is granted; the insert checks that it is (it may
 * have been rolled back, or another process may have appended since) and the chain end is read from the table when
 * it is not.
 */
let lastAppended: { seq: bigint; hash: string } | undefined;

function chainedRow(
  context: AuditContext,
  {
    parsed,
    details,
    previous,
  }: { parsed: AuditEventInput; details: unknown; previous: { seq: bigint; hash: string } | null },
): AuditEvent {
  const row: ChainedFields = {
    seq: (previous?.seq ?? BigInt(0)) + BigInt(1),
    occurredAt: new Date(),
    actorId: boundedOrNull(context.actor.id, AUDIT_FIELD_CAPS.id),
    actorEmail: boundedOrNull(context.actor.email, AUDIT_FIELD_CAPS.email),
    actorRole: boundedOrNull(context.actor.role, AUDIT_FIELD_CAPS.id),
    clientAddress: boundedOrNull(context.clientAddress, AUDIT_FIELD_CAPS.clientAddress),
    userAgent: boundedOrNull(context.userAgent, AUDIT_FIELD_CAPS.userAgent),
    action: parsed.action,
    targetType: parsed.target?.type ?? null,
    targetId: boundedOrNull(parsed.target?.id, AUDIT_FIELD_CAPS.id),
    targetLabel: boundedOrNull(parsed.target?.label, AUDIT_FIELD_CAPS.label),
    outcome: parsed.outcome,
    details,
    prevHash: previous?.hash ?? genesisHash,
    chainKey: currentChainKey().fingerprint,
  };
  return { ...row, hash: auditRowHash(row) } as AuditEvent;
}

/** A row as `audit_append_after` reads it (jsonb_to_recordset: snake_case keys, seq as text). */
const rowJson = (row: AuditEvent) => ({
  seq: row.seq.toString(),
  occurred_at: row.occurredAt.toISOString(),
  actor_id: row.actorId,
  actor_email: row.actorEmail,
  actor_role: row.actorRole,
  client_address: row.clientAddress,
  user_agent: row.userAgent,
  action: row.action,
  target_type: row.targetType,
  target_id: row.targetId,
  target_label: row.targetLabel,
  outcome: row.outcome,
  details: row.details,
  prev_hash: row.prevHash,
  chain_key: row.chainKey,
  hash: row.hash,
});

/**
 * Takes the chain lock and inserts the rows only if `previous` is still the end of the chain, in one round trip (a
 * database function: migration audit_append). The lock is held until the caller's transaction ends either way.
 */
async function lockAndAppendAfter(
  tx: DbTx,
  rows: AuditEvent[],
  previous: { seq: bigint; hash: string },
): Promise<boolean> {
  const [result] = await tx.$queryRaw<{ appended: number }[]>`
    SELECT audit_append_after(${chainLockKey}::bigint, ${previous.seq.toString()}::bigint, ${previous.hash}::text,
      ${JSON.stringify(rows.map(rowJson))}::jsonb) AS appended`;
  return result?.appended === rows.length;
}

/** Where the chain ends after these rows. */
const endOf = (rows: AuditEvent[]) => ({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });

/** Each event chained onto the one before it, the first onto `previous`. */
function chainedRows(
  context: AuditContext,
  prepared: { parsed: AuditEventInput; details: unknown }[],
  previous: { seq: bigint; hash: string } | null,
): AuditEvent[] {
  const rows: AuditEvent[] = [];
  for (const { parsed, details } of prepared)
    rows.push(chainedRow(context, { parsed, details, previous: rows.at(-1) ?? previous }));
  return rows;
}

/** The events checked, their details redacted (with `knownSecrets`) and bounded. */
const preparedEvents = (events: AuditEventInput[], knownSecrets: string[]) =>
  events.map((event) => {
    const parsed = auditEventSchema.parse(event);
    return { parsed, details: boundedDetails(redact(parsed.details as Record<string, unknown>, knownSecrets)) };
  });

/**
 * Appends events inside the caller's transaction, in order, so the records commit or roll back with the change
 * they describe. Details are redacted before they are stored; `knownSecrets` adds values the caller is handling.
 * The chain lock is held from here until the caller's transaction ends: call this last in the transaction, once.
 */
export async function recordAuditEvents(
  tx: DbTx,
  context: AuditContext,
  { events, knownSecrets = [] }: { events: AuditEventInput[]; knownSecrets?: string[] },
): Promise<AuditEvent[]> {
  if (events.length === 0) return [];
  const prepared = preparedEvents(events, knownSecrets);
  return inTurn(async () => {
    const guess = lastAppended;
    if (guess) {
      const rows = chainedRows(context, prepared, guess);
      // The next writer of this process chains onto these rows: it asks for the lock once this one holds it.
      lastAppended = endOf(rows);
      if (await lockAndAppendAfter(tx, rows, guess)) return rows;
    } else await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey})`;
    const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
    const rows = chainedRows(context, prepared, last);
    await tx.auditEvent.createMany({ data: rows.map((row) => ({ ...row, details: row.details as object })) });
    lastAppended = endOf(rows);
    return rows;
  });
}

/**
 * This process's appends take turns: each asks for the chain lock once the one before it holds it (or has committed),
 * so they reach the lock in the order their rows were chained and this process's guess of the chain's end holds. The
 * turn is only an ordering: a writer that waits for it longer than this goes on without it (a transaction that holds
 * the lock and appends again must not wait for a writer that waits for that lock).
 */
const TURN_WAIT_MS = 2_000;
let turnTail: Promise<unknown> = Promise.resolve();

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const before = turnTail;
  let timer: NodeJS.Timeout | undefined;
  const waited = Promise.race([
    before.catch(() => undefined),
    new Promise((resolve) => (timer = setTimeout(resolve, TURN_WAIT_MS))),
  ]).finally(() => clearTimeout(timer));
  const mine = waited.then(work);
  turnTail = mine.catch(() => undefined);
  return mine;
}

/** Why a statement that appended with `auditAppendForRun` was refused (it wrote nothing; the caller writes again). */
export type RunAppendRefusal = "chain-moved" | "cancel-requested" | "row-locked";

/** HPA01 and HPA02: audit_append_for_run; 55P03 (lock_not_available): a row the statement locks without waiting. */
const refusalCodes: Record<string, RunAppendRefusal> = {
  HPA01: "chain-moved",
  HPA02: "cancel-requested",
  "55P03": "row-locked",
};

/** The refusal an error of such a statement stands for, or undefined for any other error. */
export function runAppendRefusal(error: unknown): RunAppendRefusal | undefined {
  const code = sqlStateOf(error);
  return code ? refusalCodes[code] : undefined;
}

/**
 * For a change of a run written as one statement (no transaction of its own): `write` runs the statement with the
 * SQL expression that appends the events where this process expects the chain to end; the database refuses the
 * whole statement when the chain has moved on or an operator has asked the run `runId` to stop (null: the change is
 * written whether or not a stop was asked, as a run's end is). True when it was written;
 * false when it was refused or this process does not know the chain's end yet (nothing was written: the caller writes
 * the change in a transaction). `after` is an expression the database evaluates before it takes the chain lock (the
 * statement's own writes, counted), so the lock is held only for the append and the commit.
 * Takes its turn with the process's other appends (inTurn): the statement is sent once the one before it holds
 * the lock or has committed.
 */
export async function appendForRun(
  context: AuditContext,
  {
    events,
    knownSecrets = [],
    runId,
    after,
  }: { events: AuditEventInput[]; knownSecrets?: string[]; runId: string | null; after: Prisma.Sql },
  write: (append: Prisma.Sql) => Promise<unknown>,
): Promise<boolean> {
  if (events.length === 0) return false;
  const prepared = preparedEvents(events, knownSecrets);
  return inTurn(async () => {
    const guess = lastAppended;
    if (!guess) return false;
    const rows = chainedRows(context, prepared, guess);
    const end = endOf(rows);
    try {
      await write(Prisma.sql`audit_append_for_run(${chainLockKey}::bigint, ${guess.seq.toString()}::bigint,
        ${guess.hash}::text, ${JSON.stringify(rows.map(rowJson))}::jsonb, ${runId}::uuid, (${after})::bigint)`);
      // A writer in a transaction may have chained onto these rows meanwhile: its guess stays.
      if (lastAppended === guess) lastAppended = end;
      return true;
    } catch (error) {
      if (runAppendRefusal(error)) return false;
      throw error;
    }
  });
}

/** One event: see recordAuditEvents. */
export async function recordAuditEvent(
  tx: DbTx,
  context: AuditContext,
  { event, knownSecrets = [] }: { event: AuditEventInput; knownSecrets?: string[] },
): Promise<AuditEvent> {
  const [row] = await recordAuditEvents(tx, context, { events: [event], knownSecrets });
  return row!;
}

export const systemActor: AuditActor = { id: null, email: "system", role: "system" };
