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

export function listUsers(db: DbTx) {
  return db.user.findMany({ select: safeUserFields, orderBy: [{ active: "desc" }, { email: "asc" }] });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
