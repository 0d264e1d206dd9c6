import { describe, expect, it } from "vitest";
import { systemActor, type AuditContext } from "@/lib/audit/record";
import { createUser, endAllUserSessions, resetUserPassword, setUserActive, updateUser } from "@/lib/users/manage-users";
import { readSession, startSession } from "@/lib/auth/sessions";
import { sessionSettings } from "@/lib/config/env";
import { ensureFirstAdmin } from "@/lib/users/first-admin";
import { verifyPassword } from "@/lib/auth/password";
import { isolatedDatabase, testDb, uniqueEmail } from "@/test/support/db";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const db = testDb();
const context: AuditContext = { actor: systemActor };

describe("user management", () => {
  it("generates a strong password when none is given and returns it once", async () => {
    const { user, generatedPassword } = await createUser(db, context, {
      email: uniqueEmail(),
      name: "Gen",
      role: "viewer",
    });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9._-]{24}$/);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash!, generatedPassword!)).toBe(true);
  });

  it("refuses a second user with the same email, naming the field", async () => {
    const email = uniqueEmail();
    await createUser(db, context, { email, name: "One", role: "viewer", password: "a-long-password-1" });
    await expect(
      createUser(db, context, { email, name: "Two", role: "viewer", password: "a-long-password-2" }),
    ).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { email: [expect.stringContaining("already exists")] },
    });
  });

  it("records what changed, and records nothing when nothing changed", async () => {
    const { user } = await createUser(db, context, {
      email: uniqueEmail(),
      name: "Before",
      role: "viewer",
      password: "a-long-password-1",
    });
    await updateUser(db, context, { id: user.id, name: "After", role: "operator" });
    const event = await db.auditEvent.findFirst({ where: { action: "user.update", targetId: user.id } });
    expect(event?.details).toEqual({
      changes: { name: { from: "Before", to: "After" }, role: { from: "viewer", to: "operator" } },
      sessionsEnded: 0,
    });
    await updateUser(db, context, { id: user.id, name: "After", role: "operator" });
    expect(await db.auditEvent.count({ where: { action: "user.update", targetId: user.id } })).toBe(1);
  });

  it("never lets the last active admin be demoted or deactivated", async () => {
    const isolated = await isolatedDatabase();
    try {
      const { user: admin } = await createUser(isolated.db, context, {
        email: uniqueEmail("admin"),
        name: "Only admin",
        role: "admin",
        password: "a-long-password-1",
      });
      await expect(
        updateUser(isolated.db, context, { id: admin.id, name: "Only admin", role: "viewer" }),
      ).rejects.toThrow(/last active admin/);
      await expect(setUserActive(isolated.db, context, { id: admin.id, active: false })).rejects.toThrow(
        /last active admin/,
      );
      const { user: second } = await createUser(isolated.db, context, {
        email: uniqueEmail("admin"),
        name: "Second",
        role: "admin",
        password: "a-long-password-1",
      });
      // Two concurrent demotions: exactly one may win.
      const results = await Promise.allSettled([
        updateUser(isolated.db, context, { id: admin.id, name: "Only admin", role: "viewer" }),
        updateUser(isolated.db, context, { id: second.id, name: "Second", role: "viewer" }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(await isolated.db.user.count({ where: { role: "admin", active: true } })).toBe(1);
    } finally {
      await isolated.drop();
    }
  });

  it("does not let users deactivate themselves", async () => {
    const { user } = await createUser(db, context, {
      email: uniqueEmail("admin"),
      name: "Self",
      role: "admin",
      password: "a-long-password-1",
    });
    await expect(
      setUserActive(db, { actor: { id: user.id, email: user.email, role: "admin" } }, { id: user.id, active: false }),
    ).rejects.toThrow(/your own account/);
  });

  it("resets a password to a new generated one and audits it without the value", async () => {
    const { user } = await createUser(db, context, {
      email: uniqueEmail(),
      name: "Reset",
      role: "viewer",
      password: "a-long-password-1",
    });
    const { generatedPassword } = await resetUserPassword(db, context, { id: user.id });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword(stored.passwordHash!, generatedPassword)).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, "a-long-password-1")).toBe(false);
    const events = await db.auditEvent.findMany({ where: { targetId: user.id } });
    expect(JSON.stringify(events.map((event) => event.details))).not.toContain(generatedPassword);
  });

  it("creates the first admin once, writing a generated password to a 0600 file", async () => {
    const isolated = await isolatedDatabase();
    try {
      const passwordFile = join(mkdtempSync(join(tmpdir(), "hp-admin-")), "initial-admin.txt");
      const first = await ensureFirstAdmin(isolated.db, { passwordFile });
      expect(first).toMatchObject({ created: true, email: "admin@hybrid-provisioner.local", passwordFile });
      expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(passwordFile, "utf8")).toContain(first.created && first.generatedPassword);
      expect(await ensureFirstAdmin(isolated.db, { passwordFile })).toEqual({ created: false });
    } finally {
      await isolated.drop();
    }
  });

  describe("ends the user's sessions", () => {
    const settings = sessionSettings({ SESSION_MAX_HOURS: 8, SESSION_IDLE_MINUTES: 30, REAUTH_MINUTES: 10 });
    const signIn = (userId: string) => startSession(db, { userId, clientAddress: null, userAgent: null }, { settings });
    async function userWithSessions(role: "viewer" | "operator" = "operator") {
      const { user } = await createUser(db, context, {
        email: uniqueEmail(),
        name: "Signed in",
        role,
        password: "a-long-password-1",
      });
      return { user, sessions: [await signIn(user.id), await signIn(user.id)] };
    }
    const stillValid = async (sessions: string[]) =>
      (await Promise.all(sessions.map((id) => readSession(db, id, { settings })))).filter(Boolean).length;
    const lastEvent = (action: string, targetId: string) =>
      db.auditEvent.findFirst({ where: { action, targetId }, orderBy: { seq: "desc" } });

    it("when an admin resets the password", async () => {
      const { user, sessions } = await userWithSessions();
      await resetUserPassword(db, context, { id: user.id });
      expect(await stillValid(sessions)).toBe(0);
      expect((await lastEvent("user.reset_password", user.id))?.details).toEqual({ sessionsEnded: 2 });
    });

    it("when the role changes, not when only the name does", async () => {
      const { user, sessions } = await userWithSessions();
      await updateUser(db, context, { id: user.id, name: "Renamed", role: "operator" });
      expect(await stillValid(sessions)).toBe(2);
      await updateUser(db, context, { id: user.id, name: "Renamed", role: "viewer" });
      expect(await stillValid(sessions)).toBe(0);
    });

    it("when deactivated, and reactivating does not bring them back", async () => {
      const { user, sessions } = await userWithSessions();
      await setUserActive(db, context, { id: user.id, active: false });
      await setUserActive(db, context, { id: user.id, active: true });
      expect(await stillValid(sessions)).toBe(0);
      expect((await lastEvent("user.deactivate", user.id))?.details).toEqual({ sessionsEnded: 2 });
    });

    it("when an admin ends them, audited with the count", async () => {
      const { user, sessions } = await userWithSessions();
      expect((await endAllUserSessions(db, context, { id: user.id })).sessionsEnded).toBe(2);
      expect(await stillValid(sessions)).toBe(0);
      expect((await lastEvent("user.end_sessions", user.id))?.details).toEqual({ sessionsEnded: 2 });
    });
  });
});
