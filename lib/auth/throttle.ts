import type { DbTx } from "@/lib/db/client";

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
  account: `account:${email}`,
  address: clientAddress ? `address:${clientAddress}` : undefined,
});

type Keys = ReturnType<typeof throttleKeys>;

export async function isThrottled(db: DbTx, keys: Keys, now = new Date()): Promise<boolean> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: [keys.account, keys.address].filter((key): key is string => Boolean(key)) } } });
  return rows.some((row) => row.lockedUntil !== null && row.lockedUntil > now);
}

async function countFailure(db: DbTx, { key, rule, now }: { key: string; rule: typeof throttlePolicy.account; now: Date }) {
  const existing = await db.signInThrottle.findUnique({ where: { key } });
  const inWindow = existing && now.getTime() - existing.windowStart.getTime() < throttlePolicy.windowMs;
  const failures = inWindow ? existing.failures + 1 : 1;
  const over = failures - rule.freeFailures;
  const lockedUntil = over >= 0 ? new Date(now.getTime() + Math.min(rule.baseLockMs * 2 ** over, rule.maxLockMs)) : null;
  const data = { failures, windowStart: inWindow ? existing.windowStart : now, lockedUntil };
  await db.signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
}

export async function registerFailure(db: DbTx, keys: Keys, now = new Date()): Promise<void> {
  await countFailure(db, { key: keys.account, rule: throttlePolicy.account, now });
  if (keys.address) await countFailure(db, { key: keys.address, rule: throttlePolicy.address, now });
}

export async function clearAccountFailures(db: DbTx, keys: Keys): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keys.account } });
}
