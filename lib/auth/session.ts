import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { can, type Action } from "@/lib/auth/permissions";
import { isRole, type Role } from "@/lib/auth/roles";
import { readSession, recentlyAuthenticated } from "@/lib/auth/sessions";
import type { AuditContext } from "@/lib/audit/record";
import { parseEnv, sessionSettings } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requestOrigin } from "@/lib/http/client-address";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  session: { id: string; authenticatedAt: Date };
};

/**
 * The signed-in user as the database has them now: a session that was ended (sign-out, password reset, role change,
 * deactivation, an admin), is idle or expired, a deactivated user or an unknown role all count as signed out.
 */
export async function getCurrentUser(): Promise<CurrentUser | null> {
  const token = (await getServerSession(authOptions())) as { userId?: string; sessionId?: string } | null;
  if (!token?.userId || !token.sessionId) return null;
  const session = await readSession(getDb(), token.sessionId, { settings: sessionSettings(parseEnv(process.env)) });
  const user = session?.user;
  if (!user || user.id !== token.userId || !user.active || !isRole(user.role)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    session: { id: session.id, authenticatedAt: session.authenticatedAt },
  };
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

/** Sensitive actions (revealing or exporting secrets, rotating a certificate) need a sign-in of the last few minutes. */
export function requireRecentAuthentication(user: CurrentUser) {
  if (recentlyAuthenticated(user.session, sessionSettings(parseEnv(process.env)))) return;
  throw new AppError(
    "reauthentication_required",
    "Enter your password again to do this: your sign-in is older than the last few minutes.",
  );
}
