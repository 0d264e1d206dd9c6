import type { DbTx } from "@/lib/db/client";
import { auditRowHash, genesisHash } from "@/lib/audit/hash";

export type ChainReport =
  | { ok: true; checked: number }
  | { ok: false; checked: number; firstBroken: { seq: string; reason: string } };

/** Walks the whole log in order and reports the first row whose link or content does not check out. */
export async function verifyAuditChain(db: DbTx, batchSize = 5_000): Promise<ChainReport> {
  let expectedSeq = BigInt(1);
  let previousHash = genesisHash;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batchSize });
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const broken = (reason: string): ChainReport => ({ ok: false, checked, firstBroken: { seq: row.seq.toString(), reason } });
      if (row.seq !== expectedSeq) return { ok: false, checked, firstBroken: { seq: expectedSeq.toString(), reason: `row ${expectedSeq} is missing` } };
      if (row.prevHash !== previousHash) return broken("its previous-hash does not match the row before it");
      const { hash, ...fields } = row;
      if (auditRowHash(fields) !== hash) return broken("its content does not match its hash (the row was changed)");
      previousHash = hash;
      expectedSeq += BigInt(1);
      checked += 1;
    }
  }
}
