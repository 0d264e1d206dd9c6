import { AUDIT_FIELD_CAPS, bounded } from "@/lib/audit/bounds";
import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Failed sign-ins are counted per account name and per client address within a window. Keys are the same for
 * existing and unknown accounts, so being throttled says nothing about whether an account exists.
 */
export const throttlePolicy = {
  windowMs: 15 * 60_000,
  account: { freeFailures: 5, baseLockMs: 60_000, maxLockMs: 15 * 60_000 },
  address: { freeFailures: 20, baseLockMs: 15 * 60_000, maxLockMs: 15 * 60_000 },
};

export const throttleKeys = (email: string, clientAddress: string | null) => ({
  account: `account:${bounded(email, AUDIT_FIELD_CAPS.email)}`,
  address: clientAddress ? `address:${bounded(clientAddress, AUDIT_FIELD_CAPS.clientAddress)}` : undefined,
});

type Keys = ReturnType<typeof throttleKeys>;

export async function isThrottled(db: DbTx, keys: Keys, now = new Date()): Promise<boolean> {
  const rows = await db.signInThrottle.findMany({
    where: { key: { in: [keys.account, keys.address].filter((key): key is string => Boolean(key)) } },
  });
  return rows.some((row) => row.lockedUntil !== null && row.lockedUntil > now);
}

/**
 * One statement that reads and writes the row, so failures counted at once by several requests (or several dashboard
 * processes on one database) are all counted: a read-then-write would let concurrent failures overwrite each other.
 */
async function countFailure(
  db: DbTx,
  { key, rule, now }: { key: string; rule: typeof throttlePolicy.account; now: Date },
) {
  const failures = Prisma.sql`CASE WHEN t.window_start > ${now}::timestamptz - make_interval(secs => ${throttlePolicy.windowMs / 1000}) THEN t.failures + 1 ELSE 1 END`;
  const lockFor = (count: Prisma.Sql) => Prisma.sql`CASE WHEN ${count} >= ${rule.freeFailures}
    THEN ${now}::timestamptz + make_interval(secs => LEAST(${rule.baseLockMs}::float8 * power(2, LEAST(${count} - ${rule.freeFailures}, 30)), ${rule.maxLockMs}) / 1000)
    END`;
  await db.$executeRaw`
    INSERT INTO sign_in_throttles AS t (key, failures, window_start, locked_until)
    VALUES (${key}, 1, ${now}, ${lockFor(Prisma.sql`1`)})
    ON CONFLICT (key) DO UPDATE SET
      failures = ${failures},
      window_start = CASE WHEN t.window_start > ${now}::timestamptz - make_interval(secs => ${throttlePolicy.windowMs / 1000}) THEN t.window_start ELSE ${now} END,
      locked_until = ${lockFor(failures)}`;
}

export async function registerFailure(db: DbTx, keys: Keys, now = new Date()): Promise<void> {
  await countFailure(db, { key: keys.account, rule: throttlePolicy.account, now });
  if (keys.address) await countFailure(db, { key: keys.address, rule: throttlePolicy.address, now });
}

export async function clearAccountFailures(db: DbTx, keys: Keys): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
}

const keyList = (keys: Keys) => [keys.account, keys.address].filter((key): key is string => Boolean(key));

/** Counts an attempt refused while locked; returns how many this lock has refused, this one included. */
export async function countThrottledAttempt(db: DbTx, keys: Keys, now = new Date()): Promise<number> {
  const rows = await db.$queryRaw<{ throttled_attempts: number }[]>`
    UPDATE sign_in_throttles SET throttled_attempts = throttled_attempts + 1
    WHERE key IN (${Prisma.join(keyList(keys))}) AND locked_until > ${now}
    RETURNING throttled_attempts`;
  return Math.max(0, ...rows.map((row) => row.throttled_attempts));
}

/** Takes the count of refused attempts not written one by one (all but the first), for the next audit row. */
export async function takeUnrecordedThrottledAttempts(db: DbTx, keys: Keys): Promise<number> {
  const rows = await db.$queryRaw<{ counted: number }[]>`
    WITH counted AS (
      SELECT key, throttled_attempts FROM sign_in_throttles WHERE key IN (${Prisma.join(keyList(keys))}) AND throttled_attempts > 0 FOR UPDATE
    )
    UPDATE sign_in_throttles AS t SET throttled_attempts = 0 FROM counted WHERE t.key = counted.key
    RETURNING counted.throttled_attempts AS counted`;
  return Math.max(0, ...rows.map((row) => row.counted - 1));
}
