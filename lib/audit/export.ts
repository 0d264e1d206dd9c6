import type { DbTx } from "@/lib/db/client";
import { csvLines, type CsvValue } from "@/lib/audit/csv";
import type { AuditFilters } from "@/lib/audit/filters";
import { auditEventBatches, type AuditEventRow } from "@/lib/audit/queries";

export const auditCsvHeader = [
  "seq",
  "occurred_at",
  "actor_email",
  "actor_role",
  "client_address",
  "user_agent",
  "action",
  "target_type",
  "target_id",
  "target_label",
  "outcome",
  "details",
  "prev_hash",
  "chain_key",
  "hash",
] as const;

/** One event as a CSV record; hashes and the chain key's name are included so the chain can be re-checked from the file. */
function auditCsvRecord(event: AuditEventRow): CsvValue[] {
  return [
    event.seq,
    event.occurredAt,
    event.actorEmail,
    event.actorRole,
    event.clientAddress,
    event.userAgent,
    event.action,
    event.targetType,
    event.targetId,
    event.targetLabel,
    event.outcome,
    JSON.stringify(event.details),
    event.prevHash,
    event.chainKey,
    event.hash,
  ];
}

/**
 * The filtered log as CSV, newest first, produced a batch at a time as the reader pulls: memory stays flat
 * however many events match, and a client that goes away stops the queries.
 */
export function auditCsvStream(db: DbTx, filters: AuditFilters, batchSize = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditEventBatches(db, filters, batchSize);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([[...auditCsvHeader]])));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvLines(next.value.map(auditCsvRecord))));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}

export function auditCsvFileName(now = new Date()): string {
  return `audit-log-${now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")}.csv`;
}
