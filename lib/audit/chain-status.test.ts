import { afterAll, describe, expect, it } from "vitest";
import { until } from "@/test/support/until";
import { createChainStatusCache } from "@/lib/audit/chain-status";
import { recordAuditEvent } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import type { DbTx } from "@/lib/db/client";
import { isolatedDatabase } from "@/test/support/db";

const isolated = await isolatedDatabase();
const db = isolated.db;
afterAll(() => isolated.drop());

const append = () =>
  db.$transaction((tx) =>
    recordAuditEvent(
      tx,
      { actor: { id: null, email: "system", role: "system" } },
      { event: { action: "user.deactivate", outcome: "success", target: { type: "user", id: "u1" }, details: {} } },
    ),
  );

function countingVerify() {
  const calls = { count: 0 };
  return { calls, verify: (database: DbTx) => ((calls.count += 1), verifyAuditChain(database)) };
}

describe("chain status cache", () => {
  it("walks the chain once for concurrent first views and reuses the result while it is fresh", async () => {
    await append();
    const { calls, verify } = countingVerify();
    const status = createChainStatusCache({ maxAgeMs: 60_000, verify });
    const [first, second] = await Promise.all([status(db), status(db)]);
    expect(first.report).toEqual({ ok: true, checked: 1 });
    expect(second.report).toEqual(first.report);
    await append();
    expect((await status(db)).report).toEqual({ ok: true, checked: 1 });
    expect(calls.count).toBe(1);
  });

  it("answers a stale result at once and refreshes it in the background", async () => {
    const { calls, verify } = countingVerify();
    const status = createChainStatusCache({ maxAgeMs: 0, verify });
    const before = (await status(db)).report;
    await append();
    const stale = await status(db);
    expect(stale.report).toEqual(before);
    expect(stale.refreshing).toBe(true);
    expect(stale.ageMs).toBeGreaterThanOrEqual(0);
    expect(calls.count).toBe(2);
    let fresh = stale;
    await until(async () => (fresh = await status(db)).report.checked === before.checked + 1);
    expect(fresh.report.ok).toBe(true);
  });
});
