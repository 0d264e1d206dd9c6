import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const adminChangeLockKey = 72_011_905;

/** Serialises changes to admins and refuses one that would leave no active admin. Call inside the change's transaction. */
export async function assertAnotherActiveAdmin(tx: DbTx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${adminChangeLockKey})`;
  const others = await tx.user.count({ where: { role: "admin", active: true, id: { not: userId } } });
  if (others === 0) {
    throw new AppError("precondition_failed", "This is the last active admin. Make another user an admin first.");
  }
}
