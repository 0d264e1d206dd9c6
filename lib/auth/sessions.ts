import type { Db, DbTx } from "@/lib/db/client";
import type { SessionSettings } from "@/lib/config/env";

export type SessionEndReason =
  "sign-out" | "password-reset" | "role-change" | "deactivated" | "ended-by-admin" | "idle" | "expired";

/** lastSeenAt is written at most this often, so a busy session costs one UPDATE a minute, not one per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ActiveSession {
  id: string;
  authenticatedAt: Date;
  user: { id: string; email: string; name: string; role: string; active: boolean };
}

export async function startSession(
  db: DbTx,
  input: { userId: string; clientAddress: string | null; userAgent: string | null },
  { settings, now = new Date() }: { settings: SessionSettings; now?: Date },
): Promise<string> {
  const session = await db.userSession.create({
    data: {
      ...input,
      createdAt: now,
      authenticatedAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + settings.maxAgeMs),
    },
    select: { id: true },
  });
  return session.id;
}

/** Sessions that readSession would still accept: not ended, not expired, seen within the idle timeout. */
export const openSessionWhere = ({ idleMs, now = new Date() }: { idleMs: number; now?: Date }) => ({
  endedAt: null,
  expiresAt: { gt: now },
  lastSeenAt: { gte: new Date(now.getTime() - idleMs) },
});

/** The session if it is still valid (not ended, not expired, not idle); one that has just lapsed is ended on the way. */
export async function readSession(
  db: Db,
  sessionId: string,
  { settings, now = new Date() }: { settings: SessionSettings; now?: Date },
): Promise<ActiveSession | null> {
  const session = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      authenticatedAt: true,
      lastSeenAt: true,
      expiresAt: true,
      endedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!session || session.endedAt) return null;
  const lapsed: SessionEndReason | null =
    now >= session.expiresAt
      ? "expired"
      : now.getTime() - session.lastSeenAt.getTime() > settings.idleMs
        ? "idle"
        : null;
  if (lapsed) {
    await endSession(db, session.id, { reason: lapsed, now });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.userSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { id: session.id, authenticatedAt: session.authenticatedAt, user: session.user };
}

export async function endSession(
  db: DbTx,
  sessionId: string,
  { reason, now = new Date() }: { reason: SessionEndReason; now?: Date },
) {
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
}

/** Ends every open session of the user; returns how many were open. */
export async function endUserSessions(
  db: DbTx,
  userId: string,
  { reason, now = new Date() }: { reason: SessionEndReason; now?: Date },
): Promise<number> {
  const { count } = await db.userSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/** Whether the password was given recently enough for a sensitive action. */
export const recentlyAuthenticated = (
  session: Pick<ActiveSession, "authenticatedAt">,
  settings: SessionSettings,
  now = new Date(),
) => now.getTime() - session.authenticatedAt.getTime() <= settings.reauthMs;

export async function markReauthenticated(db: DbTx, sessionId: string, now = new Date()) {
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { authenticatedAt: now, lastSeenAt: now },
  });
}
