import type { DbTx } from "@/lib/db/client";
import { auditEventSchema, type AuditEventInput } from "@/lib/audit/events";
import { AUDIT_FIELD_CAPS, boundedDetails, boundedOrNull } from "@/lib/audit/bounds";
import { currentChainKey } from "@/lib/audit/chain-key";
import { auditRowHash, genesisHash, type ChainedFields } from "@/lib/audit/hash";
import { redact } from "@/lib/audit/redact";
import type { AuditEvent } from "@/lib/generated/prisma/client";

export type AuditActor = { id: string | null; email: string | null; role: string | null };
export type AuditContext = { actor: AuditActor; clientAddress?: string | null; userAgent?: string | null };

// Serialises writers so sequence numbers and the hash chain follow commit order.
const chainLockKey = 72_011_904;

/**
 * The last row this process appended, or is about to append. Writers append one at a time under the lock, in about
 * the order they ask for it, so this is usually the end of the chain when the lock is granted; the insert checks
 * that it is (it may have been rolled back, a writer may have overtaken another, or another process may have appended
 * since) and the chain end is read from the table when it is not.
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
  const prepared = events.map((event) => {
    const parsed = auditEventSchema.parse(event);
    return { parsed, details: boundedDetails(redact(parsed.details as Record<string, unknown>, knownSecrets)) };
  });
  const guess = lastAppended;
  if (guess) {
    const rows = chainedRows(context, prepared, guess);
    // Writers of this process queue for the lock in the order they get here, so the next one chains onto these rows.
    lastAppended = { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash };
    if (await lockAndAppendAfter(tx, rows, guess)) return rows;
  } else await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const rows = chainedRows(context, prepared, last);
  await tx.auditEvent.createMany({ data: rows.map((row) => ({ ...row, details: row.details as object })) });
  lastAppended = { seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash };
  return rows;
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
