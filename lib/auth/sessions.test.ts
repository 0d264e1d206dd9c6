import { describe, expect, it } from "vitest";
import { systemActor, type AuditContext } from "@/lib/audit/record";
import {
  endSession,
  endUserSessions,
  openSessionWhere,
  readSession,
  recentlyAuthenticated,
  startSession,
} from "@/lib/auth/sessions";
import { sessionSettings } from "@/lib/config/env";
import { createUser } from "@/lib/users/manage-users";
import { testDb, uniqueEmail } from "@/test/support/db";

const db = testDb();
const context: AuditContext = { actor: systemActor };
const settings = sessionSettings({ SESSION_MAX_HOURS: 8, SESSION_IDLE_MINUTES: 30, REAUTH_MINUTES: 10 });
const origin = { clientAddress: "192.0.2.10", userAgent: "vitest" };
const minutes = (start: Date, n: number) => new Date(start.getTime() + n * 60_000);

async function signedIn(at: Date) {
  const { user } = await createUser(db, context, {
    email: uniqueEmail(),
    name: "Session",
    role: "operator",
    password: "a-long-password-1",
  });
  return { user, sessionId: await startSession(db, { userId: user.id, ...origin }, { settings, now: at }) };
}

describe("sessions", () => {
  it("is valid from sign-in, with the user as the database has them", async () => {
    const start = new Date("2026-12-01T08:00:00Z");
    const { user, sessionId } = await signedIn(start);
    const session = await readSession(db, sessionId, { settings, now: minutes(start, 5) });
    expect(session).toMatchObject({
      id: sessionId,
      authenticatedAt: start,
      user: { id: user.id, role: "operator", active: true },
    });
  });

  it("ends after the idle timeout, and records why", async () => {
    const start = new Date("2026-12-01T08:00:00Z");
    const { sessionId } = await signedIn(start);
    expect(await readSession(db, sessionId, { settings, now: minutes(start, 29) })).not.toBeNull();
    // Seen at minute 29: idle is counted from then.
    expect(await readSession(db, sessionId, { settings, now: minutes(start, 58) })).not.toBeNull();
    expect(await readSession(db, sessionId, { settings, now: minutes(start, 89) })).toBeNull();
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ endReason: "idle" });
    expect(await readSession(db, sessionId, { settings, now: minutes(start, 90) })).toBeNull();
  });

  it("ends at its absolute expiry however active it is", async () => {
    const start = new Date("2026-12-01T08:00:00Z");
    const { sessionId } = await signedIn(start);
    for (let minute = 20; minute < 480; minute += 20)
      expect(await readSession(db, sessionId, { settings, now: minutes(start, minute) })).not.toBeNull();
    expect(await readSession(db, sessionId, { settings, now: minutes(start, 480) })).toBeNull();
    expect(await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      endReason: "expired",
    });
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const start = new Date("2026-12-01T08:00:00Z");
    const { sessionId } = await signedIn(start);
    await readSession(db, sessionId, { settings, now: new Date(start.getTime() + 30_000) });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(start);
    await readSession(db, sessionId, { settings, now: minutes(start, 2) });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt).toEqual(
      minutes(start, 2),
    );
  });

  it("stays ended once ended, and ending all of a user's sessions counts the open ones", async () => {
    const start = new Date();
    const { user, sessionId } = await signedIn(start);
    const second = await startSession(db, { userId: user.id, ...origin }, { settings, now: start });
    await endSession(db, sessionId, { reason: "sign-out" });
    expect(await readSession(db, sessionId, { settings })).toBeNull();
    expect(await endUserSessions(db, user.id, { reason: "ended-by-admin" })).toBe(1);
    expect(await readSession(db, second, { settings })).toBeNull();
    const rows = await db.userSession.findMany({ where: { userId: user.id }, orderBy: { endReason: "asc" } });
    expect(rows.map((row) => row.endReason)).toEqual(["ended-by-admin", "sign-out"]);
  });

  it("counts a sign-in as recent for the re-authentication window only", () => {
    const start = new Date("2026-12-01T08:00:00Z");
    expect(recentlyAuthenticated({ authenticatedAt: start }, settings, minutes(start, 10))).toBe(true);
    expect(recentlyAuthenticated({ authenticatedAt: start }, settings, minutes(start, 11))).toBe(false);
  });

  it("counts as open exactly the sessions readSession still accepts, up to the idle timeout's last millisecond", async () => {
    const start = new Date("2026-12-02T08:00:00Z");
    const { user, sessionId } = await signedIn(start);
    const open = (now: Date) =>
      db.userSession.count({ where: { userId: user.id, ...openSessionWhere({ idleMs: settings.idleMs, now }) } });
    const lastValid = new Date(start.getTime() + settings.idleMs);
    expect(await open(lastValid)).toBe(1);
    expect(await open(new Date(lastValid.getTime() + 1))).toBe(0);
    expect(await readSession(db, sessionId, { settings, now: lastValid })).not.toBeNull();
  });
});
