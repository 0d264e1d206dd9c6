import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { chainKeyFor, currentChainKey, hmacHex } from "@/lib/audit/chain-key";
import type { DbTx } from "@/lib/db/client";
import { log } from "@/lib/observability/logger";

/**
 * The chain's head (sequence and hash), signed with the chain key and kept outside the database: the table can then
 * neither be cut short (rows missing after the head) nor rewritten (a different hash at the head) without it showing.
 */
export type AuditCheckpoint = {
  log: string;
  seq: string;
  hash: string;
  at: string;
  chainKey: string;
  signature: string;
};

const signed = (checkpoint: Omit<AuditCheckpoint, "signature">) =>
  `${checkpoint.log}:${checkpoint.seq}:${checkpoint.hash}:${checkpoint.at}:${checkpoint.chainKey}`;

/** The id of this database's audit log. */
export async function auditLogId(db: DbTx): Promise<string> {
  return (await db.auditLogIdentity.findFirstOrThrow({ select: { id: true } })).id;
}

/** Appends a checkpoint of the current head, unless the head is the one last written by this writer. */
export async function writeCheckpoint(
  db: DbTx,
  file: string,
  lastWritten?: { seq: string },
): Promise<AuditCheckpoint | null> {
  const head = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (!head || head.seq.toString() === lastWritten?.seq) return null;
  const key = currentChainKey();
  const unsigned = {
    log: await auditLogId(db),
    seq: head.seq.toString(),
    hash: head.hash,
    at: new Date().toISOString(),
    chainKey: key.fingerprint,
  };
  const checkpoint = { ...unsigned, signature: hmacHex(key, signed(unsigned)) };
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

export type CheckpointFile = { checkpoints: AuditCheckpoint[]; problems: string[] };

/** The checkpoints of a file whose signatures hold, and a line for each one that does not (the file was edited). */
export function readCheckpoints(file: string): CheckpointFile {
  if (!existsSync(file)) return { checkpoints: [], problems: [] };
  const checkpoints: AuditCheckpoint[] = [];
  const problems: string[] = [];
  for (const [index, line] of readFileSync(file, "utf8").split("\n").entries()) {
    if (!line.trim()) continue;
    try {
      const checkpoint = JSON.parse(line) as AuditCheckpoint;
      if (hmacHex(chainKeyFor(checkpoint.chainKey), signed(checkpoint)) !== checkpoint.signature)
        throw new Error("its signature does not match");
      checkpoints.push(checkpoint);
    } catch (error) {
      problems.push(`checkpoint line ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { checkpoints, problems };
}

/** Writes a checkpoint every interval and once more when stopped (at shutdown). */
export function startAuditCheckpoints(db: DbTx, file: string, intervalMs = 60_000) {
  let last: AuditCheckpoint | undefined;
  const write = async () => {
    try {
      last = (await writeCheckpoint(db, file, last)) ?? last;
    } catch (error) {
      log().error({ err: error }, "audit checkpoint not written");
    }
  };
  const timer = setInterval(() => void write(), intervalMs);
  timer.unref();
  void write();
  return async function stop() {
    clearInterval(timer);
    await write();
  };
}
