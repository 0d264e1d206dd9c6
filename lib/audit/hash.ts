import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { chainKeyFor, hmacHex } from "@/lib/audit/chain-key";

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
  /** The master key fingerprint of the row's HMAC key; null: plain SHA-256 (rows written before the chain was keyed). */
  chainKey: string | null;
};

/** A stored audit row: the chained fields and the row's own hash. */
export type AuditRow = ChainedFields & { hash: string };

/** The row as plain strings (ids, times and sequence numbers are rendered, details shown as JSON elsewhere). */
export type AuditRowText = {
  [K in Exclude<keyof AuditRow, "actorId" | "details">]: AuditRow[K] extends bigint | Date ? string : AuditRow[K];
};

export const genesisHash = "0".repeat(64);

/**
 * HMAC-SHA256, under the chain key the row names, over the RFC 8785 canonical JSON of the row (previous hash
 * included), so an edit or reordering shows, and rewriting the rows after it needs the key. Rows without a chain key
 * (written before the chain was keyed) use plain SHA-256.
 */
export function auditRowHash(row: ChainedFields): string {
  const { chainKey, ...fields } = row;
  // Unkeyed rows were hashed without the (then absent) chainKey field; keyed rows cover it.
  const canonical =
    canonicalize({
      ...fields,
      seq: row.seq.toString(),
      occurredAt: row.occurredAt.toISOString(),
      ...(chainKey ? { chainKey } : {}),
    }) ?? "";
  if (chainKey === null) return createHash("sha256").update(canonical).digest("hex");
  return hmacHex(chainKeyFor(chainKey), canonical);
}
