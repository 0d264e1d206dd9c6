import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditCursor, AuditFilters } from "@/lib/audit/filters";
import { auditEventBatches, listAuditEvents } from "@/lib/audit/queries";
import { recordAuditEvent } from "@/lib/audit/record";
import { isolatedDatabase } from "@/test/support/db";

// Its own database: the expected results are computed from exactly the rows seeded here.
const isolated = await isolatedDatabase();
const db = isolated.db;
let raw: pg.Client;

const base = Date.parse("2026-03-01T00:00:00Z");
const minutes = (count: number) => new Date(base + count * 60_000);
const tenants = ["3f0c8c52-6a3e-4c59-9d1b-2a8f0f6f1a01", "3f0c8c52-6a3e-4c59-9d1b-2a8f0f6f1a02"];

type Seeded = {
  seq: bigint;
  occurredAt: Date;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  targetLabel: string;
  outcome: string;
  details: Record<string, unknown>;
};

/** 40 events ten minutes apart, except #30, stamped 40 minutes before #29 (a clock that stepped back). */
function seedRows(): Seeded[] {
  return Array.from({ length: 40 }, (_, index) => {
    const i = index + 1;
    const user = i % 5 === 0;
    const message = i === 13 ? "discount 50%_off applied" : i === 14 ? "discount 50 xoff applied" : `note number ${i}`;
    return {
      seq: BigInt(i),
      occurredAt: i === 30 ? minutes(250) : minutes(i * 10),
      actorEmail: ["ada@example.test", "bob@example.test", "system"][i % 3]!,
      action: ["auth.sign_in", "user.update", "step.fail", "run.start"][i % 4]!,
      targetType: user ? "user" : "tenant",
      targetId: user ? `user-${i}` : tenants[i % 2]!,
      targetLabel: user ? "Ada Admin" : i % 2 ? "Tenant Beta" : "Tenant Alpha",
      outcome: i % 7 === 0 ? "failure" : "success",
      details: { message, correlationId: `corr-${i}` },
    };
  });
}
const seeded = seedRows();

beforeAll(async () => {
  raw = new pg.Client({ connectionString: isolated.url });
  await raw.connect();
  for (const row of seeded) {
    await raw.query(
      `INSERT INTO audit_events (seq, occurred_at, actor_email, actor_role, action, target_type, target_id, target_label, outcome, details, prev_hash, hash)
       VALUES ($1, $2, $3, 'admin', $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        row.seq,
        row.occurredAt,
        row.actorEmail,
        row.action,
        row.targetType,
        row.targetId,
        row.targetLabel,
        row.outcome,
        row.details,
        "0".repeat(64),
        randomBytes(32).toString("hex"),
      ],
    );
  }
});
afterAll(async () => {
  await raw.end();
  await isolated.drop();
});

/** The same filters applied in memory: what the database must answer. */
function expected(filters: AuditFilters): number[] {
  const q = filters.q?.toLowerCase();
  return seeded
    .filter((row) => filters.targetType === undefined || row.targetType === filters.targetType)
    .filter((row) => filters.targetId === undefined || row.targetId === filters.targetId)
    .filter((row) => filters.actor === undefined || row.actorEmail === filters.actor)
    .filter((row) => filters.action === undefined || row.action === filters.action)
    .filter((row) => filters.outcome === undefined || row.outcome === filters.outcome)
    .filter((row) => filters.from === undefined || row.occurredAt >= filters.from)
    .filter((row) => filters.to === undefined || row.occurredAt < filters.to)
    .filter(
      (row) =>
        q === undefined ||
        [row.action, row.actorEmail, row.targetLabel, JSON.stringify(row.details)].join(" ").toLowerCase().includes(q),
    )
    .map((row) => Number(row.seq))
    .reverse();
}

async function allPages(filters: AuditFilters, pageSize: number) {
  const seen: number[] = [];
  let cursor: AuditCursor | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await listAuditEvents(db, { filters, cursor, pageSize });
    seen.push(...page.events.map((event) => Number(event.seq)));
    if (!page.older) return seen;
    cursor = page.older;
  }
  throw new Error("pagination did not end");
}

describe("listAuditEvents filters", () => {
  const cases: [string, AuditFilters][] = [
    ["no filter", {}],
    ["tenant target", { targetType: "tenant", targetId: tenants[0]! }],
    ["target type only", { targetType: "user" }],
    ["actor", { actor: "bob@example.test" }],
    ["action", { action: "step.fail" }],
    ["outcome", { outcome: "failure" }],
    ["from (inclusive)", { from: minutes(255) }],
    ["to (exclusive)", { to: minutes(260) }],
    ["time range", { from: minutes(100), to: minutes(200) }],
    ["search in the target label, any case", { q: "TENANT ALPHA" }],
    ["search in the actor", { q: "ada@exa" }],
    ["search in the action", { q: "sign_in" }],
    ["search in the details", { q: "number 2" }],
    ["search takes % and _ literally", { q: "50%_off" }],
    ["combined", { targetType: "tenant", actor: "ada@example.test", outcome: "success", from: minutes(50), q: "note" }],
  ];
  for (const [name, filters] of cases) {
    it(`answers exactly the matching events, newest first: ${name}`, async () => {
      const want = expected(filters);
      expect(want.length, "the case should not be vacuous").toBeGreaterThan(0);
      expect(await allPages(filters, 1000)).toEqual(want);
    });
  }

  it("finds a row stamped earlier than the one before it, as long as the clock stepped back less than the tolerance", async () => {
    expect(await allPages({ to: minutes(260) }, 1000)).toContain(30);
    expect(await allPages({ from: minutes(255) }, 1000)).not.toContain(30);
    expect(await allPages({ from: minutes(245), to: minutes(255) }, 1000)).toEqual([30, 25]);
  });

  it("answers an empty page when nothing matches", async () => {
    expect(await listAuditEvents(db, { filters: { q: "no such words anywhere" } })).toEqual({ events: [] });
    expect(await listAuditEvents(db, { filters: { from: minutes(10_000) } })).toEqual({ events: [] });
  });
});

describe("listAuditEvents pagination", () => {
  for (const filters of [{}, { targetType: "tenant" }, { q: "note" }] as AuditFilters[]) {
    it(`walks older then newer without gaps or duplicates (${JSON.stringify(filters)})`, async () => {
      const want = expected(filters);
      const older: number[][] = [];
      let page = await listAuditEvents(db, { filters, pageSize: 7 });
      expect(page.newer).toBeUndefined();
      older.push(page.events.map((event) => Number(event.seq)));
      while (page.older) {
        page = await listAuditEvents(db, { filters, cursor: page.older, pageSize: 7 });
        older.push(page.events.map((event) => Number(event.seq)));
      }
      expect(older.flat()).toEqual(want);
      expect(older.every((events) => events.length > 0 && events.length <= 7)).toBe(true);

      const newer: number[][] = [older.at(-1)!];
      while (page.newer) {
        page = await listAuditEvents(db, { filters, cursor: page.newer, pageSize: 7 });
        newer.unshift(page.events.map((event) => Number(event.seq)));
      }
      expect(newer.flat()).toEqual(want);
      expect(page.older).toBeDefined();
    });
  }

  it("offers no way past the end, and a newer link from a cursor page", async () => {
    const first = await listAuditEvents(db, { filters: {}, pageSize: 40 });
    expect(first.older).toBeUndefined();
    const middle = await listAuditEvents(db, { filters: {}, cursor: { before: BigInt(20) }, pageSize: 5 });
    expect(middle.events.map((event) => Number(event.seq))).toEqual([19, 18, 17, 16, 15]);
    expect(middle.newer).toEqual({ after: BigInt(19) });
    expect(middle.older).toEqual({ before: BigInt(15) });
    const beyond = await listAuditEvents(db, { filters: {}, cursor: { after: BigInt(40) }, pageSize: 5 });
    expect(beyond).toEqual({ events: [] });
  });

  it("hands out every match once in batches, for the export", async () => {
    const seen: number[] = [];
    for await (const batch of auditEventBatches(db, { outcome: "success" }, 6)) {
      expect(batch.length).toBeLessThanOrEqual(6);
      seen.push(...batch.map((event) => Number(event.seq)));
    }
    expect(seen).toEqual(expected({ outcome: "success" }));
  });
});

describe("search text", () => {
  it("is written for events recorded the normal way, from the redacted details only", async () => {
    await db.$transaction((tx) =>
      recordAuditEvent(
        tx,
        { actor: { id: "u9", email: "carol@example.test", role: "admin" } },
        {
          event: {
            action: "secret.reveal",
            outcome: "failure",
            target: { type: "tenant", id: tenants[1]!, label: "Tenant Gamma" },
            details: { purpose: "bootstrap-secret", reason: "leaked value zz-secret-value-42" },
          },
          knownSecrets: ["zz-secret-value-42"],
        },
      ),
    );
    const found = await listAuditEvents(db, { filters: { q: "tenant gamma" } });
    expect(found.events.map((event) => event.actorEmail)).toEqual(["carol@example.test"]);
    expect((await listAuditEvents(db, { filters: { q: "bootstrap-secret" } })).events).toHaveLength(1);
    expect((await listAuditEvents(db, { filters: { q: "zz-secret-value" } })).events).toHaveLength(0);
  });
});
