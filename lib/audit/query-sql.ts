import { Prisma } from "@/lib/generated/prisma/client";
import type { AuditCursor, AuditFilters } from "@/lib/audit/filters";

/**
 * How far back the clock may step between two audit writes without a time filter missing a row. Time bounds are
 * also turned into sequence-number bounds (rows are numbered in commit order, and stamped inside the chain lock),
 * so a range deep in the past reads only its own rows instead of every newer one.
 */
const clockStepTolerance = "1 hour";

/** `%term%` for LIKE, with the wildcard characters of the term itself taken literally. */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

function conditions(filters: AuditFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filters.targetType !== undefined) where.push(Prisma.sql`e.target_type = ${filters.targetType}`);
  if (filters.targetId !== undefined) where.push(Prisma.sql`e.target_id = ${filters.targetId}`);
  if (filters.actor !== undefined) where.push(Prisma.sql`e.actor_email = ${filters.actor}`);
  if (filters.action !== undefined) where.push(Prisma.sql`e.action = ${filters.action}`);
  if (filters.outcome !== undefined) where.push(Prisma.sql`e.outcome = ${filters.outcome}`);
  if (filters.from !== undefined) {
    // Every row numbered before one stamped earlier than (from - tolerance) is itself earlier than from.
    where.push(Prisma.sql`e.occurred_at >= ${filters.from}`);
    where.push(Prisma.sql`e.seq >= COALESCE((SELECT b.seq FROM audit_events b
      WHERE b.occurred_at < ${filters.from}::timestamptz - ${clockStepTolerance}::interval ORDER BY b.occurred_at DESC LIMIT 1), 0)`);
  }
  if (filters.to !== undefined) {
    where.push(Prisma.sql`e.occurred_at < ${filters.to}`);
    where.push(Prisma.sql`e.seq <= COALESCE((SELECT b.seq FROM audit_events b
      WHERE b.occurred_at >= ${filters.to}::timestamptz + ${clockStepTolerance}::interval ORDER BY b.occurred_at ASC LIMIT 1), 9223372036854775807)`);
  }
  if (filters.q !== undefined) {
    where.push(
      Prisma.sql`e.seq IN (SELECT s.seq FROM audit_event_search s WHERE s.text LIKE lower(${containsPattern(filters.q)}))`,
    );
  }
  return where;
}

/**
 * The sequence numbers of one page of matching events: newest first, or (with an `after` cursor) the oldest ones
 * newer than the cursor, in ascending order. Keyset on seq, so a page costs the same however deep it is.
 */
export function matchingSeqsSql(filters: AuditFilters, cursor: AuditCursor | undefined, limit: number): Prisma.Sql {
  const where = conditions(filters);
  if (cursor && "before" in cursor) where.push(Prisma.sql`e.seq < ${cursor.before}`);
  if (cursor && "after" in cursor) where.push(Prisma.sql`e.seq > ${cursor.after}`);
  const whereClause = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;
  const direction = cursor && "after" in cursor ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  return Prisma.sql`SELECT e.seq FROM audit_events e ${whereClause} ORDER BY e.seq ${direction} LIMIT ${limit}`;
}
