import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appendForRun,
  recordAuditEvent,
  recordAuditEvents,
  runAppendRefusal,
  type AuditContext,
} from "@/lib/audit/record";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { isolatedDatabase, uniqueEmail } from "@/test/support/db";
import { appendForeignAuditRow } from "@/test/support/foreign-audit-row";

// Its own database: these tests tamper with the log, which every other test expects to be intact.
const isolated = await isolatedDatabase();
const db = isolated.db;
const context: AuditContext = {
  actor: { id: "u1", email: "admin@example.test", role: "admin" },
  clientAddress: "127.0.0.1",
  userAgent: "vitest",
};
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
      recordAuditEvent(tx, context, {
        event: {
          action: "auth.sign_in",
          outcome: "failure",
          details: { email: uniqueEmail(), method: "password", reason: "bad_credentials" },
        },
      }),
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

/** A row appended by another process: straight into the table, chained onto the current end. */
const appendForeignRow = () => appendForeignAuditRow(db, isolated.url);

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
        await recordAuditEvent(tx, context, {
          event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u1" }, details: {} },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("chains onto the last committed row when the previous append was rolled back", async () => {
    await appendSome(1);
    await expect(
      db.$transaction(async (tx) => {
        await recordAuditEvent(tx, context, {
          event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u1" }, details: {} },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await appendSome(2);
    const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" }, select: { seq: true } });
    expect(rows.map((row) => Number(row.seq))).toEqual(rows.map((_, index) => index + 1));
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("chains onto rows another process appended", async () => {
    await appendSome(1);
    await appendForeignRow();
    await appendSome(1);
    const [appended, previous] = await db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 });
    expect(previous!.actorEmail).toBe("other-process@example.test");
    expect(appended!.prevHash).toBe(previous!.hash);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("once it knows the end of the chain, takes the lock and appends in one statement", async () => {
    const logged = new PrismaClient({
      adapter: new PrismaPg({ connectionString: isolated.url, max: 2 }),
      log: [{ emit: "event", level: "query" }],
    });
    const statements: string[] = [];
    logged.$on("query", (event) => statements.push(event.query));
    try {
      await appendSome(1);
      await logged.$transaction((tx) =>
        recordAuditEvent(tx, context, {
          event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u1" }, details: {} },
        }),
      );
      const audit = statements.filter((statement) => /audit_events|audit_append_after|pg_advisory/.test(statement));
      expect(audit).toEqual([expect.stringMatching(/^\s*SELECT audit_append_after\(/)]);
    } finally {
      await logged.$disconnect();
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("appends several events of one transaction with one statement, in order, each chained onto the one before", async () => {
    await appendSome(1);
    const logged = new PrismaClient({
      adapter: new PrismaPg({ connectionString: isolated.url, max: 2 }),
      log: [{ emit: "event", level: "query" }],
    });
    const statements: string[] = [];
    logged.$on("query", (event) => statements.push(event.query));
    const events = ["u1", "u2", "u3"].map((id) => ({
      action: "user.deactivate" as const,
      outcome: "success" as const,
      target: { type: "user" as const, id },
      details: {},
    }));
    try {
      await logged.$transaction((tx) => recordAuditEvents(tx, context, { events }));
    } finally {
      await logged.$disconnect();
    }
    expect(
      statements.filter((statement) => /audit_events|audit_append_after|pg_advisory/.test(statement)),
    ).toHaveLength(1);
    const appended = (await db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 4 })).reverse();
    expect(appended.slice(1).map((row) => row.targetId)).toEqual(["u1", "u2", "u3"]);
    for (const [index, row] of appended.slice(1).entries()) expect(row.prevHash).toBe(appended[index]!.hash);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("chains several events onto a row another process appended", async () => {
    await appendSome(1);
    await appendForeignRow();
    await db.$transaction((tx) =>
      recordAuditEvents(tx, context, {
        events: [
          { action: "user.activate", outcome: "success", target: { type: "user", id: "u4" }, details: {} },
          { action: "user.activate", outcome: "success", target: { type: "user", id: "u5" }, details: {} },
        ],
      }),
    );
    const [second, first, theirs] = await db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 3 });
    expect([theirs!.actorEmail, first!.targetId, second!.targetId]).toEqual(["other-process@example.test", "u4", "u5"]);
    expect(first!.prevHash).toBe(theirs!.hash);
    expect(second!.prevHash).toBe(first!.hash);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  describe("a run's change written as one statement", () => {
    const event = (id: string) => ({
      action: "user.deactivate" as const,
      outcome: "success" as const,
      target: { type: "user" as const, id },
      details: {},
    });
    const runId = "00000000-0000-4000-8000-000000000001";

    const write = (append: Prisma.Sql) => db.$queryRaw`SELECT ${append} AS appended`;

    it("appends its events where this process expects the chain to end", async () => {
      await appendSome(1);
      const events = [event("one-a"), event("one-b")];
      expect(await appendForRun(context, { events, runId, after: Prisma.sql`0` }, write)).toBe(true);
      const appended = await db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2 });
      expect(appended.map((row) => row.targetId)).toEqual(["one-b", "one-a"]);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it("takes turns within the process, so appends made at once all chain in", async () => {
      await appendSome(1);
      const before = await db.auditEvent.count();
      const appends = ["t1", "t2", "t3", "t4", "t5"].map((id) =>
        appendForRun(context, { events: [event(id)], runId, after: Prisma.sql`0` }, write),
      );
      expect(await Promise.all(appends)).toEqual([true, true, true, true, true]);
      expect(await db.auditEvent.count()).toBe(before + 5);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it("is refused as a whole when the chain has moved on, and the next append chains after the other process's row", async () => {
      await appendSome(1);
      await appendForeignRow();
      const before = await db.auditEvent.count();
      const refusals: unknown[] = [];
      const written = await appendForRun(
        context,
        { events: [event("refused")], runId, after: Prisma.sql`0` },
        (append) =>
          write(append).catch((error: unknown) => (refusals.push(runAppendRefusal(error)), Promise.reject(error))),
      );
      expect([written, refusals]).toEqual([false, ["chain-moved"]]);
      expect(await db.auditEvent.count()).toBe(before);
      await appendSome(1);
      expect((await verifyAuditChain(db)).ok).toBe(true);
    });

    it("is not offered for no events", async () => {
      expect(await appendForRun(context, { events: [], runId, after: Prisma.sql`0` }, write)).toBe(false);
    });
  });

  it("refuses an event that does not match its schema", async () => {
    await expect(
      db.$transaction((tx) =>
        recordAuditEvent(tx, context, { event: { action: "auth.sign_in", outcome: "maybe", details: {} } as never }),
      ),
    ).rejects.toThrow();
  });

  it("finds a changed row and names the first broken link", async () => {
    await appendSome(3);
    const victim = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, skip: 1 });
    await tamper(`UPDATE audit_events SET actor_email = 'someone-else@example.test' WHERE seq = ${victim!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBroken: { seq: victim!.seq.toString(), reason: expect.stringMatching(/content does not match/) },
    });
    await tamper(`UPDATE audit_events SET actor_email = '${victim!.actorEmail}' WHERE seq = ${victim!.seq}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("finds a deleted row", async () => {
    await appendSome(3);
    const victim = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, skip: 1 });
    await tamper(`DELETE FROM audit_events WHERE seq = ${victim!.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBroken: { seq: victim!.seq.toString(), reason: expect.stringMatching(/missing/) },
    });
  });
});
