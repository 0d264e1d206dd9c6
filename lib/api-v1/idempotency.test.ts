import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens";
import { systemActor } from "@/lib/audit/record";
import { createUser } from "@/lib/users/manage-users";
import { testDb, uniqueEmail } from "@/test/support/db";
import { runOnce } from "./idempotency";

const db = testDb();

async function token() {
  const { user } = await createUser(db, { actor: systemActor }, { email: uniqueEmail(), name: "Ci", role: "operator" });
  const created = await createApiToken(
    db,
    { actor: { id: user.id, email: user.email, role: "operator" } },
    {
      input: { name: "ci" },
    },
  );
  return created.id;
}

const apply = { operationId: "applyTenant", target: "tenant t-1", body: { step: "smoke-test" } };

describe("idempotency keys on POSTs that start runs", () => {
  it("starts once per key and token, and answers a repeat with the first run", async () => {
    const [first, second] = [await token(), await token()];
    let started = 0;
    const start = async () => {
      started += 1;
      return randomUUID();
    };
    const a = await runOnce(db, { tokenId: first, key: "deploy-42", request: apply, start });
    const again = await runOnce(db, { tokenId: first, key: "deploy-42", request: apply, start });
    expect(again).toEqual({ runId: a.runId, replayed: true });
    const otherToken = await runOnce(db, { tokenId: second, key: "deploy-42", request: apply, start });
    expect(otherToken.runId).not.toBe(a.runId);
    const noKey = [
      await runOnce(db, { tokenId: first, key: null, request: apply, start }),
      await runOnce(db, { tokenId: first, key: null, request: apply, start }),
    ];
    expect(noKey[0]!.runId).not.toBe(noKey[1]!.runId);
    expect(started).toBe(4);
  });

  it("refuses a key reused for another operation, target or body, naming what it was first used for", async () => {
    const tokenId = await token();
    const start = async () => randomUUID();
    const first = await runOnce(db, { tokenId, key: "release-7", request: apply, start });
    const same = { ...apply, body: { step: "smoke-test" } };
    expect(await runOnce(db, { tokenId, key: "release-7", request: same, start })).toEqual({
      runId: first.runId,
      replayed: true,
    });
    for (const other of [
      { ...apply, operationId: "planTenant" },
      { ...apply, target: "tenant t-2" },
      { ...apply, body: {} },
    ])
      await expect(runOnce(db, { tokenId, key: "release-7", request: other, start })).rejects.toMatchObject({
        code: "conflict",
        fieldErrors: { "Idempotency-Key": [expect.stringContaining("applyTenant of tenant t-1")] },
      });
  });

  it("refuses a malformed key, naming the header", async () => {
    await expect(
      runOnce(db, { tokenId: await token(), key: "with space", request: apply, start: async () => randomUUID() }),
    ).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { "Idempotency-Key": [expect.any(String)] } });
  });
});
