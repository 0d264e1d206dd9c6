import pg from "pg";
import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { throttlePolicy } from "@/lib/auth/throttle";
import { systemActor } from "@/lib/audit/record";
import { createUser, setUserActive } from "@/lib/users/manage-users";
import { testDb, uniqueEmail } from "@/test/support/db";

const db = testDb();
const password = "correct-horse-battery";
const attempt = (email: string, pw: string, clientAddress = `10.0.0.${Math.floor(Math.random() * 250)}`) => ({
  email,
  password: pw,
  clientAddress,
  userAgent: "vitest",
});

async function newUser(role: "admin" | "operator" | "viewer" = "viewer") {
  const email = uniqueEmail(role);
  const { user } = await createUser(db, { actor: systemActor }, { email, name: "Test", role, password });
  return user;
}

describe("password sign-in", () => {
  it("signs in with the right password (any case of email), stores an argon2id hash, and audits success", async () => {
    const user = await newUser("operator");
    const signedIn = await authenticateWithPassword(db, attempt(user.email.toUpperCase(), password));
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: "Test", role: "operator" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    const event = await db.auditEvent.findFirst({
      where: { action: "auth.sign_in", targetId: user.id },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({
      outcome: "success",
      actorEmail: user.email,
      clientAddress: expect.stringMatching(/^10\.0\.0\./),
    });
  });

  it("refuses a wrong password, counts it, and never stores the attempted password", async () => {
    const user = await newUser();
    expect(await authenticateWithPassword(db, attempt(user.email, "wrong-password-typed"))).toBeNull();
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.failedSignIns).toBe(1);
    const event = await db.auditEvent.findFirst({
      where: { action: "auth.sign_in", targetId: user.id },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({ outcome: "failure", details: { reason: "bad_credentials" } });
    expect(JSON.stringify({ ...event, seq: String(event?.seq) })).not.toContain("wrong-password-typed");
  });

  it("refuses a deactivated user even with the right password", async () => {
    const user = await newUser();
    await setUserActive(db, { actor: systemActor }, { id: user.id, active: false });
    expect(await authenticateWithPassword(db, attempt(user.email, password))).toBeNull();
  });

  it("refuses an attempt made while another for the same account is being checked (in any process), and audits why", async () => {
    const user = await newUser();
    // Another process's attempt in progress: it holds the account's sign-in lock.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`sign-in:account:${user.email}`]);
      expect(await authenticateWithPassword(db, attempt(user.email, password))).toBeNull();
      const refused = await db.auditEvent.findFirst({
        where: { action: "auth.sign_in", actorEmail: user.email },
        orderBy: { seq: "desc" },
      });
      expect(refused).toMatchObject({ outcome: "failure", details: { reason: "in_progress" } });
      const otherAccount = await newUser();
      expect(await authenticateWithPassword(db, attempt(otherAccount.email, password))).not.toBeNull();
    } finally {
      await other.end();
    }
    expect(await authenticateWithPassword(db, attempt(user.email, password))).toMatchObject({ id: user.id });
  });

  it("locks an account after repeated failures, even for the right password, and the same for unknown accounts", async () => {
    const user = await newUser();
    const unknown = uniqueEmail("ghost");
    for (let index = 0; index < throttlePolicy.account.freeFailures; index += 1) {
      await authenticateWithPassword(db, attempt(user.email, "nope-nope-nope"));
      await authenticateWithPassword(db, attempt(unknown, "nope-nope-nope"));
    }
    expect(await authenticateWithPassword(db, attempt(user.email, password))).toBeNull();
    const reasons = await db.auditEvent.findMany({
      where: { action: "auth.sign_in", actorEmail: { in: [user.email, unknown] } },
      orderBy: { seq: "desc" },
      take: 1,
    });
    expect(reasons[0]?.details).toMatchObject({ reason: "throttled" });
    const throttles = await db.signInThrottle.findMany({
      where: { key: { in: [`account:${user.email}`, `account:${unknown}`] } },
    });
    expect(throttles).toHaveLength(2);
    for (const row of throttles) expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it("throttles a client address that fails across many accounts", async () => {
    const address = "203.0.113.77";
    for (let index = 0; index < throttlePolicy.address.freeFailures; index += 1) {
      await authenticateWithPassword(db, attempt(uniqueEmail("spray"), "guess-guess-guess", address));
    }
    const user = await newUser();
    expect(await authenticateWithPassword(db, attempt(user.email, password, address))).toBeNull();
    expect(await authenticateWithPassword(db, attempt(user.email, password, "198.51.100.1"))).not.toBeNull();
  });

  it("writes one row for the attempts refused while locked, and reports how many more there were with the next row", async () => {
    const user = await newUser();
    const address = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let failure = 0; failure < throttlePolicy.account.freeFailures; failure++)
      await authenticateWithPassword(db, attempt(user.email, "wrong-password-typed", address));
    const throttledRows = () =>
      db.auditEvent.count({
        where: { action: "auth.sign_in", actorEmail: user.email, details: { path: ["reason"], equals: "throttled" } },
      });
    const before = await throttledRows();
    for (let tries = 0; tries < 30; tries++)
      expect(await authenticateWithPassword(db, attempt(user.email, password, address))).toBeNull();
    expect((await throttledRows()) - before).toBe(1);
    await db.signInThrottle.updateMany({
      where: { key: { in: [`account:${user.email}`, `address:${address}`] } },
      data: { lockedUntil: new Date(Date.now() - 1000) },
    });
    expect(await authenticateWithPassword(db, attempt(user.email, password, address))).not.toBeNull();
    const next = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sign_in", targetId: user.id },
      orderBy: { seq: "desc" },
    });
    expect(next).toMatchObject({ outcome: "success", details: { throttledAttemptsNotRecorded: 29 } });
  });

  it("stores an e-mail of any length as at most 320 characters, marked as cut", async () => {
    const huge = `${"a".repeat(100_000)}@example.test`;
    expect(await authenticateWithPassword(db, attempt(huge, "whatever-password"))).toBeNull();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sign_in", actorEmail: { startsWith: "aaaa" } },
      orderBy: { seq: "desc" },
    });
    const email = (event.details as { email: string }).email;
    expect(email).toHaveLength(320);
    expect(email.endsWith("…[truncated]")).toBe(true);
    expect(event.actorEmail).toBe(email);
    const keys = await db.signInThrottle.findMany({
      where: { key: { startsWith: "account:aaaa" } },
      select: { key: true },
    });
    expect(keys.every((row) => row.key.length <= 320 + "account:".length)).toBe(true);
  });
});
