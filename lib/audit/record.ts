import type { DbTx } from "@/lib/db/client";
import { auditEventSchema, type AuditEventInput } from "@/lib/audit/events";
import { auditRowHash, genesisHash } from "@/lib/audit/hash";
import { redact } from "@/lib/audit/redact";

export type AuditActor = { id: string | null; email: string | null; role: string | null };
export type AuditContext = { actor: AuditActor; clientAddress?: string | null; userAgent?: string | null };

// Serialises writers so sequence numbers and the hash chain follow commit order.
const chainLockKey = 72_011_904;

/**
 * Appends one event inside the caller's transaction, so the record commits or rolls back with the change it
 * describes. Details are redacted before they are stored; `knownSecrets` adds values the caller is handling.
 */
export async function recordAuditEvent(tx: DbTx, context: AuditContext, event: AuditEventInput, knownSecrets: string[] = []) {
  const parsed = auditEventSchema.parse(event);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${chainLockKey})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const row = {
    seq: (last?.seq ?? BigInt(0)) + BigInt(1),
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
    details: redact(parsed.details as Record<string, unknown>, knownSecrets),
    prevHash: last?.hash ?? genesisHash,
  };
  return tx.auditEvent.create({ data: { ...row, details: row.details as object, hash: auditRowHash(row) } });
}

export const systemActor: AuditActor = { id: null, email: "system", role: "system" };
