import type { Db } from "@/lib/db/client";
import type { AuditContext } from "@/lib/audit/record";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { endUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";
import { generatedUserPasswordLength, randomPassword } from "@/lib/security/random-password";
import { assertAnotherActiveAdmin } from "@/lib/users/admin-guard";
import { safeUserFields } from "@/lib/users/queries";
import type { CreateUserInput } from "@/lib/validation/user";

type Source = "admin" | "first-run";

/** Creates a password user. When no password is given one is generated and returned once, never stored in clear. */
export async function createUser(
  db: Db,
  context: AuditContext,
  input: Omit<CreateUserInput, "password"> & { password?: string; source?: Source },
) {
  const { source = "admin" } = input;
  const password = input.password ?? randomPassword(generatedUserPasswordLength);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("conflict", "A user with this email already exists.", {
        email: ["A user with this email already exists."],
      });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: safeUserFields,
    });
    await recordAuditEvent(tx, context, {
      event: {
        action: "user.create",
        outcome: "success",
        target: { type: "user", id: user.id, label: user.email },
        details: { email: user.email, name: user.name, role: user.role, source },
      },
      knownSecrets: [password],
    });
    return { user, generatedPassword: input.password ? undefined : password };
  });
}

async function findUser(db: Parameters<Parameters<Db["$transaction"]>[0]>[0], id: string) {
  const user = await db.user.findUnique({ where: { id }, select: safeUserFields });
  if (!user) throw new AppError("not_found", "This user no longer exists. Reload the page.");
  return user;
}

export async function updateUser(db: Db, context: AuditContext, input: { id: string; name: string; role: Role }) {
  return db.$transaction(async (tx) => {
    const before = await findUser(tx, input.id);
    if (before.role === "admin" && input.role !== "admin" && before.active)
      await assertAnotherActiveAdmin(tx, input.id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (before.name !== input.name) changes.name = { from: before.name, to: input.name };
    if (before.role !== input.role) changes.role = { from: before.role, to: input.role };
    if (Object.keys(changes).length === 0) return before;
    const user = await tx.user.update({
      where: { id: input.id },
      data: { name: input.name, role: input.role },
      select: safeUserFields,
    });
    // A new role starts with a new sign-in: a session opened under the old role must not carry on.
    const sessionsEnded = changes.role ? await endUserSessions(tx, user.id, { reason: "role-change" }) : undefined;
    await recordAuditEvent(tx, context, {
      event: {
        action: "user.update",
        outcome: "success",
        target: { type: "user", id: user.id, label: user.email },
        details: { changes, sessionsEnded },
      },
    });
    return user;
  });
}

export async function setUserActive(db: Db, context: AuditContext, input: { id: string; active: boolean }) {
  if (!input.active && context.actor.id === input.id) {
    throw new AppError("precondition_failed", "You cannot deactivate your own account.");
  }
  return db.$transaction(async (tx) => {
    const before = await findUser(tx, input.id);
    if (before.active === input.active) return before;
    if (!input.active && before.role === "admin") await assertAnotherActiveAdmin(tx, input.id);
    const user = await tx.user.update({
      where: { id: input.id },
      data: { active: input.active },
      select: safeUserFields,
    });
    const target = { type: "user", id: user.id, label: user.email } as const;
    if (input.active)
      await recordAuditEvent(tx, context, {
        event: { action: "user.activate", outcome: "success", target, details: {} },
      });
    else
      await recordAuditEvent(tx, context, {
        event: {
          action: "user.deactivate",
          outcome: "success",
          target,
          details: { sessionsEnded: await endUserSessions(tx, user.id, { reason: "deactivated" }) },
        },
      });
    return user;
  });
}

/** Sets a new generated password, returned once to the admin who asked. */
export async function resetUserPassword(db: Db, context: AuditContext, input: { id: string }) {
  const password = randomPassword(generatedUserPasswordLength);
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.id);
    if (user.authProvider !== "credentials")
      throw new AppError("precondition_failed", "This user signs in with single sign-on and has no password.");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, failedSignIns: 0 } });
    const sessionsEnded = await endUserSessions(tx, user.id, { reason: "password-reset" });
    await recordAuditEvent(tx, context, {
      event: {
        action: "user.reset_password",
        outcome: "success",
        target: { type: "user", id: user.id, label: user.email },
        details: { sessionsEnded },
      },
      knownSecrets: [password],
    });
    return { user, generatedPassword: password };
  });
}

/** Ends every session of the user now (a lost laptop, a shared screen); they sign in again. */
export async function endAllUserSessions(db: Db, context: AuditContext, input: { id: string }) {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.id);
    const sessionsEnded = await endUserSessions(tx, user.id, { reason: "ended-by-admin" });
    await recordAuditEvent(tx, context, {
      event: {
        action: "user.end_sessions",
        outcome: "success",
        target: { type: "user", id: user.id, label: user.email },
        details: { sessionsEnded },
      },
    });
    return { user, sessionsEnded };
  });
}
