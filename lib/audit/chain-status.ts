import type { DbTx } from "@/lib/db/client";
import { readCheckpoints } from "@/lib/audit/checkpoints";
import { verifyAuditChain, type ChainReport } from "@/lib/audit/verify-chain";
import { notifyChainBroken } from "@/lib/notifications/chain-events";
import { auditCheckpointFile } from "@/lib/runtime/paths";
import { log } from "@/lib/observability/logger";

/** The whole chain against the checkpoints in the checkpoint file; a broken chain is alerted (lib/notifications). */
export async function verifyAgainstCheckpoints(db: DbTx): Promise<ChainReport> {
  const report = await verifyAuditChain(db, { checkpoints: readCheckpoints(auditCheckpointFile()) });
  if (!report.ok && "$connect" in db) await notifyChainBroken(db, report);
  return report;
}

/** ageMs: how old the result is as it is handed out (a shared result may be minutes old). */
type ChainStatus = { report: ChainReport; checkedAt: Date; refreshing: boolean; ageMs: number };

/**
 * Verifying the chain reads every row (seconds at a million events), so page views share one result: the first view
 * waits for it, later ones get the last result at once (with when it was taken) and, once it is older than
 * `maxAgeMs`, start one fresh check in the background. Concurrent callers never start a second walk.
 */
export function createChainStatusCache(
  options: { maxAgeMs?: number; verify?: (db: DbTx) => Promise<ChainReport> } = {},
) {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const verify = options.verify ?? verifyAgainstCheckpoints;
  let last: { report: ChainReport; checkedAt: Date } | undefined;
  let running: Promise<{ report: ChainReport; checkedAt: Date }> | undefined;

  function refresh(db: DbTx) {
    running ??= verify(db)
      .then((report) => (last = { report, checkedAt: new Date() }))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return async function chainStatus(db: DbTx): Promise<ChainStatus> {
    if (!last) return { ...(await refresh(db)), refreshing: false, ageMs: 0 };
    if (!running && Date.now() - last.checkedAt.getTime() >= maxAgeMs) {
      refresh(db).catch((error: unknown) => log().error({ err: error }, "background audit chain verification failed"));
    }
    return { ...last, refreshing: running !== undefined, ageMs: Date.now() - last.checkedAt.getTime() };
  };
}

const holder = globalThis as unknown as { hybridProvisionerChainStatus?: ReturnType<typeof createChainStatusCache> };

/** The process-wide cache the audit page uses. */
export function sharedChainStatus(db: DbTx): Promise<ChainStatus> {
  holder.hybridProvisionerChainStatus ??= createChainStatusCache();
  return holder.hybridProvisionerChainStatus(db);
}
