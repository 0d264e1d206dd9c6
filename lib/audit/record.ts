import type { DbTx } from "@/lib/db/client";
import { auditEventSchema, type AuditEventInput } from "@/lib/audit/events";
import { auditRowHash, genesisHash, type ChainedFields } from "@/lib/audit/hash";
import { redact } from "@/lib/audit/redact";
import type { AuditEvent } from "@/lib/generated/prisma/client";

export type AuditActor = { id: string | null; email: string | null; role: string | null };
export type AuditContext = { actor: AuditActor; clientAddress?: string | null; userAgent?: string | null };

// Serialises writers so sequence numbers and the hash chain follow commit order.
const chainLockKey = 72_011_904;

/**
 * The last row this process appended. Writers append one at a time under the lock, so when the lock is granted
 * this is usually still the end of the chain; the insert checks that it is (it may have been rolled back, or
 * another process may have appended since) and the chain end is read from the table when it is not.
 */
let lastAppended: { seq: bigint; hash: string } | undefined;

function chainedRow(context: AuditContext, parsed: AuditEventInput, details: unknown, previous: { seq: bigint; hash: string } | null): AuditEvent {
  const row: ChainedFields = {
    seq: (previous?.seq ?? BigInt(0)) + BigInt(1),
    occurredAt: new Date(),
    actorId: context.actor.id,
    actorEmail: context.actor.email,
    actorRole: context.actor.role,
    clientAddress: context.clientAddress ?? null,
    userAgent: context.userAgent?.slice(0, 512) ?? null,
    action: parsed.action,
    targetType: parsed.target?.type ?? null,
    targetId: parsed.target?.id ?? null,
    targetLabel: parsed.target?.label ?? null,
    outcome: parsed.outcome,
    details,
    prevHash: previous?.hash ?? genesisHash,
  };
  return { ...row, hash: auditRowHash(row) } as AuditEvent;
}

/** Inserts the row only if `previous` is the end of the chain; one statement, so the lock is held briefly. */
async function appendAfter(tx: DbTx, row: AuditEvent, previous: { seq: bigint; hash: string }): Promise<boolean> {
  const appended = await tx.$queryRaw<{ seq: bigint }[]>`
    INSERT INTO audit_events (seq, occurred_at, actor_id, actor_email, actor_role, client_address, user_agent, action, target_type, target_id, target_label, outcome, details, prev_hash, hash)
    SELECT ${row.seq.toString()}::bigint, ${row.occurredAt.toISOString()}::timestamptz, ${row.actorId}::text, ${row.actorEmail}::text, ${row.actorRole}::text,
           ${row.clientAddress}::text, ${row.userAgent}::text, ${row.action}::text, ${row.targetType}::text, ${row.targetId}::text, ${row.targetLabel}::text,
           ${row.outcome}::text, ${JSON.stringify(row.details)}::jsonb, ${row.prevHash}::text, ${row.hash}::text
    WHERE EXISTS (SELECT 1 FROM audit_events WHERE seq = ${previous.seq.toString()}::bigint AND hash = ${previous.hash}::text)
      AND NOT EXISTS (SELECT 1 FROM audit_events WHERE seq > ${previous.seq.toString()}::bigint)
    RETURNING seq`;
  return appended.length === 1;
}

/**
 * Appends one event inside the caller's transaction, so the record commits or rolls back with the change it
 * describes. Details are redacted before they are stored; `knownSecrets` adds values the caller is handling.
 * The chain lock is held from here until the caller's transaction ends: call this last in the transaction.
 */
export async function recordAuditEvent(tx: DbTx, context: AuditContext, event: AuditEventInput, knownSecrets: string[] = []): Promise<AuditEvent> {
  const parsed = auditEventSchema.parse(event);
  const details = redact(parsed.details as Record<string, unknown>, knownSecrets);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey})`;
  const guess = lastAppended;
  if (guess) {
    const row = chainedRow(context, parsed, details, guess);
    if (await appendAfter(tx, row, guess)) {
      lastAppended = { seq: row.seq, hash: row.hash };
      return row;
    }
  }
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const row = chainedRow(context, parsed, details, last);
  const created = await tx.auditEvent.create({ data: { ...row, details: row.details as object } });
  lastAppended = { seq: created.seq, hash: created.hash };
  return created;
}

export const systemActor: AuditActor = { id: null, email: "system", role: "system" };
