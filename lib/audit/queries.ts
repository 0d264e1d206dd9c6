import type { DbTx } from "@/lib/db/client";
import type { AuditCursor, AuditFilters } from "@/lib/audit/filters";
import { matchingSeqsSql } from "@/lib/audit/query-sql";

const auditPageSize = 50;

async function matchingSeqs(
  db: DbTx,
  { filters, cursor, limit }: { filters: AuditFilters; cursor: AuditCursor | undefined; limit: number },
): Promise<bigint[]> {
  const rows = await db.$queryRaw<{ seq: bigint }[]>(matchingSeqsSql(filters, cursor, limit));
  return rows.map((row) => BigInt(row.seq));
}

/** Full rows for the given sequence numbers, newest first. */
function eventsBySeq(db: DbTx, seqs: bigint[]) {
  return db.auditEvent.findMany({ where: { seq: { in: seqs } }, orderBy: { seq: "desc" } });
}

export type AuditEventRow = Awaited<ReturnType<typeof eventsBySeq>>[number];

type AuditPage = {
  events: AuditEventRow[];
  /** Cursor of the next page towards older events, when there is one. */
  older?: AuditCursor;
  /** Cursor of the next page towards newer events, when there is one. */
  newer?: AuditCursor;
};

/**
 * One page of the filtered log, newest first. `before` pages towards older events, `after` towards newer ones;
 * walking either way visits every matching event exactly once.
 */
export async function listAuditEvents(
  db: DbTx,
  {
    filters = {},
    cursor,
    pageSize = auditPageSize,
  }: { filters?: AuditFilters; cursor?: AuditCursor; pageSize?: number } = {},
): Promise<AuditPage> {
  const towardsNewer = cursor !== undefined && "after" in cursor;
  const found = await matchingSeqs(db, { filters, cursor, limit: pageSize + 1 });
  const hasMoreInDirection = found.length > pageSize;
  const pageSeqs = found.slice(0, pageSize);
  const events = await eventsBySeq(db, pageSeqs);
  if (events.length === 0) return { events };
  const newest = events[0]!.seq;
  const oldest = events[events.length - 1]!.seq;
  // The far side of a cursor page exists unless the cursor pointed past every match; one cheap probe tells.
  const hasOlder = towardsNewer
    ? (await matchingSeqs(db, { filters, cursor: { before: oldest }, limit: 1 })).length > 0
    : hasMoreInDirection;
  const hasNewer = towardsNewer
    ? hasMoreInDirection
    : cursor
      ? (await matchingSeqs(db, { filters, cursor: { after: newest }, limit: 1 })).length > 0
      : false;
  return {
    events,
    ...(hasOlder ? { older: { before: oldest } } : {}),
    ...(hasNewer ? { newer: { after: newest } } : {}),
  };
}

/** Every matching event, newest first, a batch at a time: for exports that must not hold the whole log in memory. */
export async function* auditEventBatches(
  db: DbTx,
  filters: AuditFilters,
  batchSize = 500,
): AsyncGenerator<AuditEventRow[]> {
  let cursor: AuditCursor | undefined;
  for (;;) {
    const seqs = await matchingSeqs(db, { filters, cursor, limit: batchSize });
    if (seqs.length === 0) return;
    yield await eventsBySeq(db, seqs);
    if (seqs.length < batchSize) return;
    cursor = { before: seqs[seqs.length - 1]! };
  }
}
