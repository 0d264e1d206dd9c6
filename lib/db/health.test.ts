import { describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { checkDatabase } from "@/lib/db/health";
import { testDb } from "@/test/support/db";
import { freePort } from "@/test/support/free-port";

describe("database health", () => {
  it("is ok when the database answers", async () => {
    expect(await checkDatabase(testDb())).toEqual({ ok: true });
  });

  it("gives a reason, not a stack trace, when the database cannot be reached", async () => {
    const unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${await freePort()}/none`);
    const health = await checkDatabase(unreachable);
    expect(health).toMatchObject({ ok: false, reason: expect.stringMatching(/^the database cannot be reached/) });
    await unreachable.$disconnect();
  });
});
