import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCsvFileName, auditCsvHeader, auditCsvStream } from "@/lib/audit/export";
import { recordAuditEvent } from "@/lib/audit/record";
import { isolatedDatabase } from "@/test/support/db";

const isolated = await isolatedDatabase();
const db = isolated.db;
const actor = { id: "u1", email: "ada@example.test", role: "admin" };

beforeAll(async () => {
  for (let index = 0; index < 25; index += 1) {
    await db.$transaction((tx) =>
      recordAuditEvent(
        tx,
        { actor },
        {
          event: {
            action: "user.update",
            outcome: "success",
            target: { type: "user", id: `u-${index}`, label: index === 3 ? "=cmd|' /C calc'!A0" : `User ${index}` },
            details: { changes: { name: { from: "a", to: `b,${index}` } } },
          },
        },
      ),
    );
  }
  await db.$transaction((tx) =>
    recordAuditEvent(
      tx,
      { actor },
      {
        event: {
          action: "auth.sign_in",
          outcome: "failure",
          details: {
            email: `x-${randomBytes(2).toString("hex")}@example.test`,
            method: "password",
            reason: "bad_credentials",
          },
        },
      },
    ),
  );
});
afterAll(() => isolated.drop());

async function readAll(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

/** Splits CSV text into records of cells (enough of a reader for these values). */
function parse(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    record.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ",") endCell();
    else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      endCell();
      records.push(record);
      record = [];
      i += 1;
    } else cell += c;
  }
  return records;
}

describe("auditCsvStream", () => {
  it("streams a header and every matching event, newest first, across batches", async () => {
    const records = parse(await readAll(auditCsvStream(db, { action: "user.update" }, 4)));
    expect(records[0]).toEqual([...auditCsvHeader]);
    const rows = records.slice(1);
    expect(rows).toHaveLength(25);
    expect(rows.map((row) => Number(row[0]))).toEqual(Array.from({ length: 25 }, (_, index) => 25 - index));
    const stored = await db.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(25) } });
    expect(rows[0]).toEqual([
      "25",
      stored.occurredAt.toISOString(),
      "ada@example.test",
      "admin",
      "",
      "",
      "user.update",
      "user",
      "u-24",
      "User 24",
      "success",
      JSON.stringify(stored.details),
      stored.prevHash,
      stored.chainKey ?? "",
      stored.hash,
    ]);
  });

  it("defuses a formula someone managed to put in a recorded value", async () => {
    const records = parse(await readAll(auditCsvStream(db, { targetType: "user", targetId: "u-3" })));
    expect(records[1]![9]).toBe("'=cmd|' /C calc'!A0");
  });

  it("exports only the filtered set, and just the header when nothing matches", async () => {
    expect(
      parse(await readAll(auditCsvStream(db, { outcome: "failure" })))
        .slice(1)
        .map((row) => row[6]),
    ).toEqual(["auth.sign_in"]);
    expect(parse(await readAll(auditCsvStream(db, { q: "nothing like this" })))).toEqual([[...auditCsvHeader]]);
  });

  it("produces a batch only when the reader asks for it, and stops when the reader cancels", async () => {
    const reader = auditCsvStream(db, {}, 5).getReader();
    const header = await reader.read();
    expect(new TextDecoder().decode(header.value)).toContain("seq,occurred_at");
    const first = await reader.read();
    expect(parse(new TextDecoder().decode(first.value))).toHaveLength(5);
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });

  it("names the file with the export time", () => {
    expect(auditCsvFileName(new Date("2026-01-02T03:04:05.678Z"))).toBe("audit-log-20260102T030405Z.csv");
  });
});
