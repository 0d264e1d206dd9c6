import type { AuditContext } from "@/lib/audit/record";
import { recordAuditEvent } from "@/lib/audit/record";
import { verifyPassword } from "@/lib/auth/password";
import { markReauthenticated } from "@/lib/auth/sessions";
import { clearAccountFailures, isThrottled, registerFailure, throttleKeys } from "@/lib/auth/throttle";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Asks a signed-in user for their password again before a sensitive action. Failures count towards the same
 * throttle as sign-in, so the prompt cannot be used to guess a password faster than the sign-in page allows.
 */
export async function reauthenticate(
  db: Db,
  context: AuditContext,
  input: { userId: string; sessionId: string; password: string },
) {
  const user = await db.user.findUnique({ where: { id: input.userId }, omit: { passwordHash: false } });
  if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  if (!user.passwordHash)
    throw new AppError(
      "precondition_failed",
      "You sign in with single sign-on: sign out and sign in again to do this.",
    );
  const keys = throttleKeys(user.email, context.clientAddress ?? null);
  const target = { type: "user", id: user.id, label: user.email } as const;
  const throttled = await isThrottled(db, keys);
  if (throttled || !(await verifyPassword(user.passwordHash, input.password))) {
    await db.$transaction(async (tx) => {
      if (!throttled) await registerFailure(tx, keys);
      await recordAuditEvent(tx, context, {
        event: { action: "auth.reauthenticate", outcome: "failure", target, details: {} },
        knownSecrets: [input.password],
      });
    });
    const message = throttled ? "Too many attempts. Wait a few minutes and try again." : "That password is not right.";
    throw new AppError("invalid_input", message, { password: [message] });
  }
  await db.$transaction(async (tx) => {
    await clearAccountFailures(tx, keys);
    await markReauthenticated(tx, input.sessionId);
    await recordAuditEvent(tx, context, {
      event: { action: "auth.reauthenticate", outcome: "success", target, details: {} },
    });
  });
}
