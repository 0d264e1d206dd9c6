import { describe, expect, it } from "vitest";
import { isThrottled, registerFailure, throttleKeys, throttlePolicy } from "@/lib/auth/throttle";
import { createPrismaClient } from "@/lib/db/client";
import { testDb, uniqueEmail } from "@/test/support/db";

const db = testDb();

describe("sign-in throttle counters", () => {
  it("counts every failure registered at the same time by separate processes' connections", async () => {
    const keys = throttleKeys(uniqueEmail("parallel"), `10.9.${Math.floor(Math.random() * 250)}.1`);
    // Two clients stand for two dashboard processes; each failure commits in its own transaction.
    const processes = [createPrismaClient(process.env.DATABASE_URL!), createPrismaClient(process.env.DATABASE_URL!)];
    try {
      const failures = 12;
      await Promise.all(
        Array.from({ length: failures }, (_, index) =>
          processes[index % 2]!.$transaction((tx) => registerFailure(tx, keys)),
        ),
      );
      const rows = await db.signInThrottle.findMany({ where: { key: { in: [keys.account, keys.address!] } } });
      expect(rows.map((row) => row.failures)).toEqual([failures, failures]);
      const account = rows.find((row) => row.key === keys.account)!;
      const over = failures - throttlePolicy.account.freeFailures;
      const lockMs = Math.min(throttlePolicy.account.baseLockMs * 2 ** over, throttlePolicy.account.maxLockMs);
      expect(account.lockedUntil!.getTime() - account.windowStart.getTime()).toBeGreaterThanOrEqual(lockMs - 5_000);
      expect(await isThrottled(db, keys)).toBe(true);
    } finally {
      await Promise.all(processes.map((client) => client.$disconnect()));
    }
  });

  it("locks an account at its fifth failure in the window, not before, and starts a new window after it", async () => {
    const keys = throttleKeys(uniqueEmail("window"), null);
    const start = new Date();
    for (let failure = 1; failure < throttlePolicy.account.freeFailures; failure++) {
      await registerFailure(db, keys, start);
      expect(await isThrottled(db, keys, start)).toBe(false);
    }
    await registerFailure(db, keys, start);
    const locked = await db.signInThrottle.findUniqueOrThrow({ where: { key: keys.account } });
    expect(locked.lockedUntil!.getTime() - start.getTime()).toBe(throttlePolicy.account.baseLockMs);

    const later = new Date(start.getTime() + throttlePolicy.windowMs + 1_000);
    await registerFailure(db, keys, later);
    const fresh = await db.signInThrottle.findUniqueOrThrow({ where: { key: keys.account } });
    expect(fresh).toMatchObject({ failures: 1, windowStart: later, lockedUntil: null });
  });
});
