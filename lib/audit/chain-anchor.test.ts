import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import canonicalize from "canonicalize";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { readCheckpoints, writeCheckpoint } from "@/lib/audit/checkpoints";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { isolatedDatabase, uniqueEmail } from "@/test/support/db";

const context: AuditContext = {
  actor: { id: "u1", email: "admin@example.test", role: "admin" },
  clientAddress: "127.0.0.1",
  userAgent: "vitest",
};
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function logWith(count: number) {
  const isolated = await isolatedDatabase();
  const raw = new pg.Client({ connectionString: isolated.url });
  await raw.connect();
  cleanups.push(async () => {
    await raw.end();
    await isolated.drop();
  });
  const append = async (n: number) => {
    for (let index = 0; index < n; index += 1) {
      await isolated.db.$transaction((tx) =>
        recordAuditEvent(tx, context, {
          event: {
            action: "secret.reveal",
            outcome: "success",
            target: { type: "tenant", id: "t1" },
            details: { purpose: uniqueEmail("purpose") },
          },
        }),
      );
    }
  };
  await append(count);
  // What a database superuser can do: switch the append-only trigger off and change rows at will.
  const tamper = async (statements: string[]) => {
    await raw.query("BEGIN");
    await raw.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
    for (const statement of statements) await raw.query(statement);
    await raw.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
    await raw.query("COMMIT");
  };
  return {
    db: isolated.db,
    raw,
    append,
    tamper,
    checkpointFile: join(mkdtempSync(join(tmpdir(), "hp-checkpoints-")), "audit-checkpoints.jsonl"),
  };
}

/** An attacker without the key: changes a row, then recomputes every hash from there with plain SHA-256. */
async function rewriteFrom(log: Awaited<ReturnType<typeof logWith>>, fromSeq: number) {
  const rows = await log.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  let previous = fromSeq === 1 ? "0".repeat(64) : rows[fromSeq - 2]!.hash;
  const statements: string[] = [];
  for (const row of rows.slice(fromSeq - 1)) {
    const actorEmail = row.seq === BigInt(fromSeq) ? "nobody@example.test" : row.actorEmail;
    const { hash: _hash, chainKey: _key, ...fields } = { ...row, actorEmail, prevHash: previous };
    const hash = createHash("sha256")
      .update(canonicalize({ ...fields, seq: row.seq.toString(), occurredAt: row.occurredAt.toISOString() })!)
      .digest("hex");
    statements.push(
      `UPDATE audit_events SET actor_email = '${actorEmail}', prev_hash = '${previous}', chain_key = NULL, hash = '${hash}' WHERE seq = ${row.seq}`,
    );
    previous = hash;
  }
  await log.tamper(statements);
}

describe("the audit chain's key and anchor", () => {
  it("detects rows rewritten with their hashes recomputed after them, without the key", async () => {
    const log = await logWith(6);
    await rewriteFrom(log, 4);
    expect(await verifyAuditChain(log.db)).toMatchObject({
      ok: false,
      firstBroken: { seq: "4", reason: expect.stringMatching(/without the key after keyed rows/) },
    });
  });

  it("detects the whole log rewritten from the start, against a checkpoint", async () => {
    const log = await logWith(4);
    await writeCheckpoint(log.db, log.checkpointFile);
    await rewriteFrom(log, 1);
    expect(await verifyAuditChain(log.db)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(log.db, { checkpoints: readCheckpoints(log.checkpointFile) })).toMatchObject({
      ok: false,
      firstBroken: { seq: "4", reason: expect.stringMatching(/differs from the checkpoint/) },
    });
  });

  it("reports a log cut short after its last checkpoint as truncated", async () => {
    const log = await logWith(3);
    await log.append(5);
    await writeCheckpoint(log.db, log.checkpointFile);
    await log.tamper(["DELETE FROM audit_events WHERE seq > 3"]);
    expect(await verifyAuditChain(log.db)).toEqual({ ok: true, checked: 3 });
    expect(await verifyAuditChain(log.db, { checkpoints: readCheckpoints(log.checkpointFile) })).toMatchObject({
      ok: false,
      firstBroken: {
        seq: "4",
        reason: expect.stringMatching(/^truncated after 3: the checkpoint of .* names event 8$/),
      },
    });
  });

  it("names the last checkpoint when everything holds, and writes none while the head has not moved", async () => {
    const log = await logWith(2);
    const first = await writeCheckpoint(log.db, log.checkpointFile);
    expect(await writeCheckpoint(log.db, log.checkpointFile, first!)).toBeNull();
    await log.append(1);
    await writeCheckpoint(log.db, log.checkpointFile, first!);
    expect(await verifyAuditChain(log.db, { checkpoints: readCheckpoints(log.checkpointFile) })).toEqual({
      ok: true,
      checked: 3,
      checkpoint: { seq: "3", at: expect.any(String) },
    });
  });

  it("refuses to hold a log against checkpoints taken of another log, and says why", async () => {
    const log = await logWith(1);
    const other = await logWith(1);
    await writeCheckpoint(other.db, log.checkpointFile);
    expect(await verifyAuditChain(log.db, { checkpoints: readCheckpoints(log.checkpointFile) })).toMatchObject({
      ok: false,
      firstBroken: {
        seq: "checkpoints",
        reason: expect.stringMatching(/taken of another audit log .* give each database its own AUDIT_CHECKPOINT_FILE/),
      },
    });
  });

  it("refuses a checkpoint file that was edited", async () => {
    const log = await logWith(2);
    await writeCheckpoint(log.db, log.checkpointFile);
    writeFileSync(log.checkpointFile, readFileSync(log.checkpointFile, "utf8").replace(/"seq":"2"/, '"seq":"1"'));
    const file = readCheckpoints(log.checkpointFile);
    expect(file.problems).toEqual(["checkpoint line 1: its signature does not match"]);
    expect(await verifyAuditChain(log.db, { checkpoints: file })).toMatchObject({
      ok: false,
      firstBroken: { seq: "checkpoints" },
    });
  });

  it("verifies rows of an earlier master key while it is among the previous keys, and names it when it is not", async () => {
    const log = await logWith(2);
    const original = process.env.APP_ENCRYPTION_KEY!;
    try {
      process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
      process.env.APP_ENCRYPTION_PREVIOUS_KEYS = original;
      await log.append(2);
      expect(await verifyAuditChain(log.db)).toEqual({ ok: true, checked: 4 });
      delete process.env.APP_ENCRYPTION_PREVIOUS_KEYS;
      expect(await verifyAuditChain(log.db)).toMatchObject({
        ok: false,
        firstBroken: {
          seq: "1",
          reason: expect.stringMatching(/neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_PREVIOUS_KEYS/),
        },
      });
    } finally {
      process.env.APP_ENCRYPTION_KEY = original;
      delete process.env.APP_ENCRYPTION_PREVIOUS_KEYS;
    }
  });
});
