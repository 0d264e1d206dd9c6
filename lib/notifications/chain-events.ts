import { createHash } from "node:crypto";
import type { ChainReport } from "@/lib/audit/verify-chain";
import type { Db } from "@/lib/db/client";
import { notifySafely } from "./notify";

/** A broken audit chain, alerted once a day per break (the chain check runs every minute while someone looks). */
export async function notifyChainBroken(db: Db, report: ChainReport, now = new Date()): Promise<void> {
  if (report.ok) return;
  const { seq, reason } = report.firstBroken;
  await notifySafely(db, {
    type: "audit.chain_broken",
    summary: `The audit log's chain is broken at ${seq === "checkpoints" ? "its checkpoints" : `event ${seq}`}: ${reason}.`,
    path: "/audit",
    details: { firstBroken: { seq, reason }, checked: report.checked },
    dedupeKey: `audit.chain_broken:${seq}:${createHash("sha256").update(reason).digest("hex")}:${now.toISOString().slice(0, 10)}`,
  });
}
