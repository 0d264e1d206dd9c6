import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The fields of a stored audit row that the chain protects. */
export type ChainedFields = {
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  outcome: string;
  details: unknown;
  prevHash: string;
};

/** A stored audit row: the chained fields and the row's own hash. */
export type AuditRow = ChainedFields & { hash: string };

/** The row as plain strings (ids, times and sequence numbers are rendered, details shown as JSON elsewhere). */
export type AuditRowText = { [K in Exclude<keyof AuditRow, "actorId" | "details">]: AuditRow[K] extends bigint | Date ? string : AuditRow[K] };

export const genesisHash = "0".repeat(64);

/** SHA-256 over the RFC 8785 canonical JSON of the row (previous hash included), so any edit or reordering shows. */
export function auditRowHash(row: ChainedFields): string {
  const canonical = canonicalize({ ...row, seq: row.seq.toString(), occurredAt: row.occurredAt.toISOString() });
  return createHash("sha256").update(canonical ?? "").digest("hex");
}
