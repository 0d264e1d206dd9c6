import { auditLogId, type CheckpointFile } from "@/lib/audit/checkpoints";
import { auditRowHash, genesisHash } from "@/lib/audit/hash";
import type { DbTx } from "@/lib/db/client";

export type ChainReport =
  | { ok: true; checked: number; checkpoint?: { seq: string; at: string } }
  | { ok: false; checked: number; firstBroken: { seq: string; reason: string } };

export interface VerifyOptions {
  batchSize?: number;
  /** Signed heads kept outside the table (checkpoints.ts): the table must reach each, with the same hash there. */
  checkpoints?: CheckpointFile;
}

/**
 * Walks the whole log in order and reports the first row whose link or content does not check out, then holds the
 * result against the checkpoints: a table that ends before the last checkpoint was cut short.
 */
export async function verifyAuditChain(db: DbTx, options: VerifyOptions = {}): Promise<ChainReport> {
  const { batchSize = 5_000, checkpoints = { checkpoints: [], problems: [] } } = options;
  if (checkpoints.problems.length > 0)
    return { ok: false, checked: 0, firstBroken: { seq: "checkpoints", reason: checkpoints.problems[0]! } };
  if (checkpoints.checkpoints.length > 0) {
    const log = await auditLogId(db);
    const foreign = checkpoints.checkpoints.find((checkpoint) => checkpoint.log !== log);
    if (foreign) {
      const reason = `the checkpoint of ${foreign.at} was taken of another audit log (${foreign.log}, this one is ${log}): give each database its own AUDIT_CHECKPOINT_FILE`;
      return { ok: false, checked: 0, firstBroken: { seq: "checkpoints", reason } };
    }
  }
  const wanted = new Map(checkpoints.checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint]));
  let expectedSeq = BigInt(1);
  let previousHash = genesisHash;
  let keyed = false;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const broken = (reason: string): ChainReport => ({
        ok: false,
        checked,
        firstBroken: { seq: row.seq.toString(), reason },
      });
      if (row.seq !== expectedSeq)
        return {
          ok: false,
          checked,
          firstBroken: { seq: expectedSeq.toString(), reason: `row ${expectedSeq} is missing` },
        };
      if (row.prevHash !== previousHash) return broken("its previous-hash does not match the row before it");
      if (keyed && row.chainKey === null)
        return broken("it is chained without the key after keyed rows (the row was replaced)");
      const { hash, ...fields } = row;
      let expected: string;
      try {
        expected = auditRowHash(fields);
      } catch (error) {
        return broken(error instanceof Error ? error.message : String(error));
      }
      if (expected !== hash) return broken("its content does not match its hash (the row was changed)");
      const checkpoint = wanted.get(row.seq.toString());
      if (checkpoint && checkpoint.hash !== hash)
        return broken(`its hash differs from the checkpoint of ${checkpoint.at} (the log was rewritten)`);
      keyed ||= row.chainKey !== null;
      previousHash = hash;
      expectedSeq += BigInt(1);
      checked += 1;
    }
  }
  const latest = checkpoints.checkpoints.reduce<(typeof checkpoints.checkpoints)[number] | undefined>(
    (best, c) => (!best || BigInt(c.seq) > BigInt(best.seq) ? c : best),
    undefined,
  );
  if (latest && BigInt(latest.seq) >= expectedSeq) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: expectedSeq.toString(),
        reason: `truncated after ${expectedSeq - BigInt(1)}: the checkpoint of ${latest.at} names event ${latest.seq}`,
      },
    };
  }
  return { ok: true, checked, ...(latest ? { checkpoint: { seq: latest.seq, at: latest.at } } : {}) };
}
