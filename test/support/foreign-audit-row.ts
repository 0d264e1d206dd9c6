// An audit row appended the way another process of the product would (chained onto the end, under no lock of this
// process), over a connection of its own: what makes this process's guess of the chain's end wrong.
import pg from "pg";
import { auditRowHash } from "@/lib/audit/hash";
import type { DbTx } from "@/lib/db/client";

export async function appendForeignAuditRow(db: DbTx, databaseUrl: string): Promise<void> {
  const last = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  const foreign = {
    ...last,
    seq: last.seq + BigInt(1),
    occurredAt: new Date(),
    actorEmail: "other-process@example.test",
    details: { from: "another process" },
    prevHash: last.hash,
  };
  const { hash: _previousHash, ...fields } = foreign;
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  try {
    await raw.query(
      `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_email, actor_role, client_address, user_agent, action, target_type, target_id, target_label, outcome, details, prev_hash, chain_key, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        foreign.seq.toString(),
        foreign.occurredAt,
        foreign.actorId,
        foreign.actorEmail,
        foreign.actorRole,
        foreign.clientAddress,
        foreign.userAgent,
        foreign.action,
        foreign.targetType,
        foreign.targetId,
        foreign.targetLabel,
        foreign.outcome,
        JSON.stringify(foreign.details),
        foreign.prevHash,
        foreign.chainKey,
        auditRowHash(fields),
      ],
    );
  } finally {
    await raw.end();
  }
}
