import { AUDIT_FIELD_CAPS, bounded } from "@/lib/audit/bounds";
import type { Db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { spendVerificationTime, verifyPassword } from "@/lib/auth/password";
import { isRole, type Role } from "@/lib/auth/roles";
import {
  clearAccountFailures,
  countThrottledAttempt,
  isThrottled,
  registerFailure,
  takeUnrecordedThrottledAttempts,
  throttleKeys,
} from "@/lib/auth/throttle";

type SignedInUser = { id: string; email: string; name: string; role: Role };
type RefusalReason = "bad_credentials" | "throttled" | "in_progress" | "inactive" | "unknown_role";

/**
 * Checks one attempt per account at a time, in every process on the database: an attempt made while another for the
 * same account is being checked is refused at once, so a burst of parallel guesses cannot all be checked before the
 * first failures lock the account. The gate holds one connection and never waits (a try-lock), so waiting attempts
 * cannot take the pool from the work they wait for.
 */
async function oneAttemptPerAccount<T>(
  db: Db,
  { key, attempt, busy }: { key: string; attempt: () => Promise<T>; busy: () => Promise<T> },
): Promise<T> {
  return db.$transaction(
    async (gate) => {
      const [row] = await gate.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${`sign-in:${key}`}, 0)) AS locked`;
      return row?.locked ? attempt() : busy();
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
type SignInAttempt = { email: string; password: string; clientAddress: string | null; userAgent: string | null };

/**
 * Checks an email and password. Every refusal looks the same to the caller (null); the reason is only audited.
 * Throttling, the user's failure count and the audit record are written in one transaction.
 */
export async function authenticateWithPassword(db: Db, attempt: SignInAttempt): Promise<SignedInUser | null> {
  // Bounded: the address is anyone's input, and it is written to the throttle table and the audit log.
  const email = bounded(attempt.email.trim().toLowerCase(), AUDIT_FIELD_CAPS.email);
  const keys = throttleKeys(email, attempt.clientAddress);
  const context = { clientAddress: attempt.clientAddress, userAgent: attempt.userAgent };
  const refuse = async (reason: RefusalReason, user?: { id: string; role: string }) => {
    await db.$transaction(async (tx) => {
      // While locked, only the first refusal is written; the others are counted and reported with the next row.
      if (reason === "throttled" && (await countThrottledAttempt(tx, keys)) > 1) return;
      if (reason !== "throttled") await registerFailure(tx, keys);
      if (user) await tx.user.update({ where: { id: user.id }, data: { failedSignIns: { increment: 1 } } });
      const unrecorded = reason === "throttled" ? 0 : await takeUnrecordedThrottledAttempts(tx, keys);
      await recordAuditEvent(
        tx,
        { ...context, actor: { id: user?.id ?? null, email, role: user?.role ?? null } },
        {
          event: {
            action: "auth.sign_in",
            outcome: "failure",
            target: user ? { type: "user", id: user.id, label: email } : undefined,
            details: {
              email,
              method: "password",
              reason,
              ...(unrecorded > 0 ? { throttledAttemptsNotRecorded: unrecorded } : {}),
            },
          },
          knownSecrets: [attempt.password],
        },
      );
    });
    return null;
  };

  if (!email || !attempt.password) return refuse("bad_credentials");
  return oneAttemptPerAccount(db, {
    key: keys.account,
    attempt: () => checkAttempt(db, { attempt, email, keys, context, refuse }),
    busy: () => refuse("in_progress"),
  });
}

async function checkAttempt(
  db: Db,
  {
    attempt,
    email,
    keys,
    context,
    refuse,
  }: {
    attempt: SignInAttempt;
    email: string;
    keys: ReturnType<typeof throttleKeys>;
    context: { clientAddress: string | null; userAgent: string | null };
    refuse: (reason: RefusalReason, user?: { id: string; role: string }) => Promise<null>;
  },
): Promise<SignedInUser | null> {
  if (await isThrottled(db, keys)) return refuse("throttled");
  const user = await db.user.findUnique({ where: { email }, omit: { passwordHash: false } });
  if (!user?.passwordHash) {
    await spendVerificationTime(attempt.password);
    return refuse("bad_credentials", user ?? undefined);
  }
  if (!(await verifyPassword(user.passwordHash, attempt.password))) return refuse("bad_credentials", user);
  if (!user.active) return refuse("inactive", user);
  if (!isRole(user.role)) return refuse("unknown_role", user);

  const role = user.role;
  await db.$transaction(async (tx) => {
    const unrecorded = await takeUnrecordedThrottledAttempts(tx, keys);
    await clearAccountFailures(tx, keys);
    await tx.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lastSignInAt: new Date() } });
    await recordAuditEvent(
      tx,
      { ...context, actor: { id: user.id, email, role } },
      {
        event: {
          action: "auth.sign_in",
          outcome: "success",
          target: { type: "user", id: user.id, label: email },
          details: {
            email,
            method: "password",
            ...(unrecorded > 0 ? { throttledAttemptsNotRecorded: unrecorded } : {}),
          },
        },
      },
    );
  });
  return { id: user.id, email: user.email, name: user.name, role };
}
