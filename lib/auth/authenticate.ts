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
  const refuse = async (
    reason: "bad_credentials" | "throttled" | "inactive" | "unknown_role",
    user?: { id: string; role: string },
  ) => {
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
