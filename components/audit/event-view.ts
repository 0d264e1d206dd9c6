import { correlationIdsOf, type CorrelationId } from "@/lib/audit/correlation";
import type { AuditRowText } from "@/lib/audit/hash";
import type { AuditEventRow } from "@/lib/audit/queries";

/** An audit row as plain strings, for the row detail (a client component). Details are stored redacted. */
export type AuditEventView = AuditRowText & {
  detailsJson: string;
  /** The details on one line, for the table. */
  detailsLine: string;
  correlationIds: CorrelationId[];
};

export const utcTime = (date: Date) => `${date.toISOString().replace("T", " ").slice(0, 19)} UTC`;

export function auditEventView(event: AuditEventRow): AuditEventView {
  return {
    seq: event.seq.toString(),
    occurredAt: utcTime(event.occurredAt),
    actorEmail: event.actorEmail,
    actorRole: event.actorRole,
    clientAddress: event.clientAddress,
    userAgent: event.userAgent,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    targetLabel: event.targetLabel,
    outcome: event.outcome,
    detailsJson: JSON.stringify(event.details, null, 2),
    detailsLine: JSON.stringify(event.details),
    correlationIds: correlationIdsOf(event.details),
    prevHash: event.prevHash,
    chainKey: event.chainKey,
    hash: event.hash,
  };
}
