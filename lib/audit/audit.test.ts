import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { isolatedDatabase, uniqueEmail } from "@/test/support/db";

// Its own database: these tests tamper with the log, which every other test expects to be intact.
const isolated = await isolatedDatabase();
const db = isolated.db;
const context: AuditContext = { actor: { id: "u1", email: "admin@example.test", role: "admin" }, clientAddress: "127.0.0.1", userAgent: "vitest" };
let raw: pg.Client;

beforeAll(async () => {
  raw = new pg.Client({ connectionString: isolated.url });
  await raw.connect();
});
afterAll(async () => {
  await raw.end();
  await isolated.drop();
});

async function appendSome(count: number) {
  for (let index = 0; index < count; index += 1) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, context, { action: "auth.sign_in", outcome: "failure", details: { email: uniqueEmail(), method: "password", reason: "bad_credentials" } }),
    );
  }
}

// Tampering needs the append-only trigger out of the way, as a database superuser could do.
async function tamper(sql: string) {
  await raw.query("BEGIN");
  await raw.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
  await raw.query(sql);
  await raw.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
  await raw.query("COMMIT");
}

describe("audit log", () => {
  it("chains rows: each row's prevHash is the previous row's hash and the chain verifies", async () => {
    await appendSome(3);
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    for (let index = 1; index < rows.length; index += 1) expect(rows[index]!.prevHash).toBe(rows[index - 1]!.hash);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: rows.length });
  });

  it("gives gap-free sequence numbers when many transactions append at once", async () => {
    const before = await db.auditEvent.count();
    await Promise.all(Array.from({ length: 12 }, () => appendSome(1)));
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } });
    expect(rows.length).toBe(before + 12);
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("is refused by the database on UPDATE, DELETE and TRUNCATE", async () => {
    await appendSome(1);
    await expect(raw.query("UPDATE audit_events SET outcome = 'success'")).rejects.toThrow(/append-only: UPDATE/);
    await expect(raw.query("DELETE FROM audit_events")).rejects.toThrow(/append-only: DELETE/);
    await expect(raw.query("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE/);
  });

  it("rolls back with the change it records", async () => {
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await recordAuditEvent(tx, context, { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u1" }, details: {} });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("refuses an event that does not match its schema", async () => {
    await expect(
      db.$transaction((tx) => recordAuditEvent(tx, context, { action: "auth.sign_in", outcome: "maybe", details: {} } as never)),
    ).rejects.toThrow();
  });

  it("finds a changed row and names the first broken link", async () => {
    await appendSome(3);
    const victim = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, skip: 1 });
    await tamper(`UPDATE audit_events SET actor_email = 'someone-else@example.test' WHERE seq = ${victim!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { seq: victim!.seq.toString(), reason: expect.stringMatching(/content does not match/) } });
    await tamper(`UPDATE audit_events SET actor_email = '${victim!.actorEmail}' WHERE seq = ${victim!.seq}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("finds a deleted row", async () => {
    await appendSome(3);
    const victim = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, skip: 1 });
    await tamper(`DELETE FROM audit_events WHERE seq = ${victim!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBroken: { seq: victim!.seq.toString(), reason: expect.stringMatching(/missing/) } });
  });
});
