import { describe, expect, it } from "vitest";
import type { AuditContext } from "@/lib/audit/record";
import { authenticateApiToken, createApiToken, hashApiToken, listApiTokens, revokeApiToken } from "@/lib/api-tokens";
import { createUser, setUserActive, updateUser } from "@/lib/users/manage-users";
import { systemActor } from "@/lib/audit/record";
import { testDb, uniqueEmail } from "@/test/support/db";

const db = testDb();
const system: AuditContext = { actor: systemActor };

async function userWithToken(role: "admin" | "operator" | "viewer" = "operator", expiresInDays?: number) {
  const { user } = await createUser(db, system, {
    email: uniqueEmail(),
    name: "Api",
    role,
    password: "a-long-password-1",
  });
  const context: AuditContext = { actor: { id: user.id, email: user.email, role }, clientAddress: "10.0.0.1" };
  const created = await createApiToken(db, context, { input: { name: "ci", expiresInDays } });
  return { user, context, created };
}

const auditRows = (action: string, tokenId: string) =>
  db.auditEvent.findMany({ where: { action, targetType: "api_token", targetId: tokenId } });

describe("personal API tokens", () => {
  it("returns an hp_ token once and stores only its SHA-256, audited without the token", async () => {
    const { created } = await userWithToken();
    expect(created.token).toMatch(/^hp_[A-Za-z0-9_-]{43}$/);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
    const [event] = await auditRows("api_token.create", created.id);
    expect(event).toBeDefined();
    expect(JSON.stringify(event?.details)).not.toContain(created.token.slice(3));
  });

  it("authenticates with the user's current role and audits only the first use from each address", async () => {
    const { user, created } = await userWithToken("operator");
    const caller = await authenticateApiToken(db, { token: created.token, clientAddress: "192.0.2.1" });
    expect(caller.user).toMatchObject({ id: user.id, role: "operator" });
    await authenticateApiToken(db, { token: created.token, clientAddress: "192.0.2.1" });
    await authenticateApiToken(db, { token: created.token, clientAddress: "192.0.2.2" });
    const uses = await auditRows("api_token.use_new_address", created.id);
    expect(uses.map((event) => event.clientAddress)).toEqual(["192.0.2.1", "192.0.2.2"]);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAddress).toBe("192.0.2.2");
    expect(row.lastUsedAt).not.toBeNull();

    await updateUser(db, system, { id: user.id, name: user.name, role: "viewer" });
    const after = await authenticateApiToken(db, { token: created.token, clientAddress: "192.0.2.2" });
    expect(after.user.role).toBe("viewer");
  });

  it("refuses an expired token", async () => {
    const { created } = await userWithToken("viewer", 1);
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    await expect(
      authenticateApiToken(db, { token: created.token, clientAddress: null, now: tomorrow }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(authenticateApiToken(db, { token: created.token, clientAddress: null })).resolves.toBeDefined();
  });

  it("refuses a revoked token, and a token whose user was deactivated", async () => {
    const { user, context, created } = await userWithToken();
    const second = await createApiToken(db, context, { input: { name: "second" } });
    await revokeApiToken(db, context, { id: created.id });
    await expect(authenticateApiToken(db, { token: created.token, clientAddress: null })).rejects.toMatchObject({
      code: "unauthenticated",
    });
    expect(await auditRows("api_token.revoke", created.id)).toHaveLength(1);

    await setUserActive(db, system, { id: user.id, active: false });
    await expect(authenticateApiToken(db, { token: second.token, clientAddress: null })).rejects.toMatchObject({
      code: "unauthenticated",
    });
  });

  it("refuses unknown and malformed tokens", async () => {
    for (const token of ["hp_" + "a".repeat(43), "not-a-token", ""])
      await expect(authenticateApiToken(db, { token, clientAddress: null })).rejects.toMatchObject({
        code: "unauthenticated",
      });
  });

  it("lets only the owner or an admin revoke a token", async () => {
    const { user, created } = await userWithToken("operator");
    const other = await userWithToken("operator");
    await expect(revokeApiToken(db, other.context, { id: created.id })).rejects.toMatchObject({ code: "forbidden" });
    const admin = await userWithToken("admin");
    await revokeApiToken(db, admin.context, { id: created.id });
    const [row] = await listApiTokens(db, { userId: user.id });
    expect(row?.revokedAt).not.toBeNull();
    expect(row?.revokedBy).toBe(admin.user.email);
  });

  it("names the field when the input is wrong", async () => {
    const { context } = await userWithToken();
    await expect(createApiToken(db, context, { input: { name: " ", expiresInDays: 0 } })).rejects.toThrow();
  });
});
