import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { checkReadiness } from "@/lib/runtime/readiness";
import { migrationsDirectory } from "@/lib/runtime/paths";
import { testDb } from "@/test/support/db";
import { freePort } from "@/test/support/free-port";

const ahead = mkdtempSync(join(tmpdir(), "hp-migrations-"));
afterAll(() => rmSync(ahead, { recursive: true, force: true }));

describe("readiness", () => {
  it("is ready when the database answers, every migration is applied and the expected worker runs", async () => {
    expect(
      await checkReadiness(testDb(), { migrationsDirectory, workerExpected: true, workerSince: new Date() }),
    ).toEqual({ ready: true, checks: { database: { ok: true }, migrations: { ok: true }, worker: { ok: true } } });
    expect(
      (await checkReadiness(testDb(), { migrationsDirectory, workerExpected: false, workerSince: null })).ready,
    ).toBe(true);
  });

  it("names a migration this release has and the database lacks", async () => {
    cpSync(migrationsDirectory, ahead, { recursive: true });
    mkdirSync(join(ahead, "29991231000000_next_release"));
    writeFileSync(join(ahead, "29991231000000_next_release", "migration.sql"), "SELECT 1;");
    const readiness = await checkReadiness(testDb(), {
      migrationsDirectory: ahead,
      workerExpected: false,
      workerSince: null,
    });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.migrations).toEqual({
      ok: false,
      reason: "1 migration(s) not applied (first: 29991231000000_next_release): run npm run db:migrate as the owner",
    });
  });

  it("is not ready when WORKER=on and no worker runs, or the database cannot be reached", async () => {
    const noWorker = await checkReadiness(testDb(), { migrationsDirectory, workerExpected: true, workerSince: null });
    expect(noWorker).toMatchObject({ ready: false, checks: { worker: { ok: false } } });

    const unreachable = createPrismaClient(`postgresql://postgres:x@127.0.0.1:${await freePort()}/none`);
    const down = await checkReadiness(unreachable, { migrationsDirectory, workerExpected: false, workerSince: null });
    expect(down).toMatchObject({
      ready: false,
      checks: { database: { ok: false }, migrations: { ok: false, reason: expect.stringMatching(/^not checked/) } },
    });
    await unreachable.$disconnect();
  });
});
