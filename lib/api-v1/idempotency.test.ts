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

describe("idempotency keys on POSTs that start runs", () => {
  it("starts once per key and token, and answers a repeat with the first run", async () => {
    const [first, second] = [await token(), await token()];
    let started = 0;
    const start = async () => {
      started += 1;
      return randomUUID();
    };
    const a = await runOnce(db, { tokenId: first, key: "deploy-42", start });
    const again = await runOnce(db, { tokenId: first, key: "deploy-42", start });
    expect(again).toEqual({ runId: a.runId, replayed: true });
    const otherToken = await runOnce(db, { tokenId: second, key: "deploy-42", start });
    expect(otherToken.runId).not.toBe(a.runId);
    const noKey = [
      await runOnce(db, { tokenId: first, key: null, start }),
      await runOnce(db, { tokenId: first, key: null, start }),
    ];
    expect(noKey[0]!.runId).not.toBe(noKey[1]!.runId);
    expect(started).toBe(4);
  });

  it("refuses a malformed key, naming the header", async () => {
    await expect(
      runOnce(db, { tokenId: await token(), key: "with space", start: async () => randomUUID() }),
    ).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { "Idempotency-Key": [expect.any(String)] } });
  });
});
