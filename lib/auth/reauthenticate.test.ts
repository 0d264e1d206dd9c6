import { describe, expect, it } from "vitest";
import { reauthenticate } from "@/lib/auth/reauthenticate";
import { startSession } from "@/lib/auth/sessions";
import { sessionSettings } from "@/lib/config/env";
import { systemActor, type AuditContext } from "@/lib/audit/record";
import { createUser } from "@/lib/users/manage-users";
import { testDb, uniqueEmail } from "@/test/support/db";

const db = testDb();
const settings = sessionSettings({ SESSION_MAX_HOURS: 8, SESSION_IDLE_MINUTES: 30, REAUTH_MINUTES: 10 });
const password = "a-long-password-1";

async function agedSession() {
  const { user } = await createUser(
    db,
    { actor: systemActor },
    { email: uniqueEmail(), name: "Again", role: "operator", password },
  );
  const signedInAt = new Date(Date.now() - 20 * 60_000);
  const sessionId = await startSession(
    db,
    { userId: user.id, clientAddress: null, userAgent: null },
    { settings, now: signedInAt },
  );
  // A distinct address per test, so the sign-in throttle of one test does not reach another.
  const context: AuditContext = {
    actor: { id: user.id, email: user.email, role: user.role },
    clientAddress: `198.51.100.${Math.floor(Math.random() * 250)}`,
    userAgent: "vitest",
  };
  return { user, sessionId, signedInAt, context };
}

describe("re-authentication", () => {
  it("moves the session's sign-in time to now on the right password, audited", async () => {
    const { user, sessionId, signedInAt, context } = await agedSession();
    await reauthenticate(db, context, { userId: user.id, sessionId, password });
    const session = await db.userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.authenticatedAt.getTime()).toBeGreaterThan(signedInAt.getTime() + 15 * 60_000);
    expect(
      await db.auditEvent.findFirst({
        where: { action: "auth.reauthenticate", targetId: user.id },
        select: { outcome: true },
      }),
    ).toEqual({ outcome: "success" });
  });

  it("refuses a wrong password naming the field, leaves the session aged, and never records the attempt in clear", async () => {
    const { user, sessionId, signedInAt, context } = await agedSession();
    await expect(
      reauthenticate(db, context, { userId: user.id, sessionId, password: "not-the-password-9" }),
    ).rejects.toMatchObject({
      code: "invalid_input",
      fieldErrors: { password: ["That password is not right."] },
    });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: sessionId } })).authenticatedAt).toEqual(signedInAt);
    const failure = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.reauthenticate", targetId: user.id },
    });
    expect(failure.outcome).toBe("failure");
    expect(JSON.stringify({ ...failure, seq: String(failure.seq) })).not.toContain("not-the-password-9");
  });

  it("counts failures towards the sign-in throttle", async () => {
    const { user, sessionId, context } = await agedSession();
    let refusal: unknown;
    for (let attempt = 0; attempt < 12; attempt++) {
      refusal = await reauthenticate(db, context, {
        userId: user.id,
        sessionId,
        password: `wrong-password-${attempt}`,
      }).catch((error: unknown) => error);
    }
    expect(refusal).toMatchObject({ fieldErrors: { password: [expect.stringContaining("Too many attempts")] } });
    // Throttled: even the right password is refused until the window passes.
    await expect(reauthenticate(db, context, { userId: user.id, sessionId, password })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
