import { openSessionWhere } from "@/lib/auth/sessions";
import type { DbTx } from "@/lib/db/client";

export const safeUserFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  failedSignIns: true,
  lastSignInAt: true,
  authProvider: true,
  createdAt: true,
} as const;

/** Users with how many of their sessions are open now (not ended, not expired, seen within the idle timeout). */
export async function listUsers(db: DbTx, idleMs: number, now = new Date()) {
  const users = await db.user.findMany({
    select: { ...safeUserFields, _count: { select: { sessions: { where: openSessionWhere({ idleMs, now }) } } } },
    orderBy: [{ active: "desc" }, { email: "asc" }],
  });
  return users.map(({ _count, ...user }) => ({ ...user, openSessions: _count.sessions }));
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
