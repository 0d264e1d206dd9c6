import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { can, type Action } from "@/lib/auth/permissions";
import { isRole, type Role } from "@/lib/auth/roles";
import type { AuditContext } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/client-address";

export type CurrentUser = { id: string; email: string; name: string; role: Role };

/** The signed-in user as the database has them now: a deactivated user or an unknown role counts as signed out. */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = (await getServerSession(authOptions())) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await getDb().user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true, role: true, active: true } });
  if (!user?.active || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: sends signed-out visitors to sign-in and shows the forbidden page to users without the permission. */
export async function requirePagePermission(action: Action): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  if (!can(user.role, action)) redirect(`/forbidden`);
  return user;
}

/** For server actions and route handlers: throws an AppError the caller turns into a refusal. */
export async function requirePermission(action: Action): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  if (!can(user.role, action)) throw new AppError("forbidden", "Your role does not allow this.");
  return user;
}

export async function auditContextFor(user: CurrentUser): Promise<AuditContext> {
  return { actor: { id: user.id, email: user.email, role: user.role }, ...requestOrigin(await headers()) };
}
