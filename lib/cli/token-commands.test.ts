import { beforeAll, describe, expect, it } from "vitest";
import { hashApiToken } from "@/lib/api-tokens";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { testDb } from "@/test/support/db";
import { cliAccounts } from "./testing/accounts";

const db = testDb();
const accounts = cliAccounts("tokens");

beforeAll(() => accounts.create(db));

describe("cli tokens create", { timeout: 120_000 }, () => {
  it("prints the token once on stdout and stores only its hash, with the expiry asked for", async () => {
    const run = await runCliProcess([
      "tokens",
      "create",
      "--name",
      "ci",
      "--as",
      accounts.viewer,
      "--expires-days",
      "7",
    ]);
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^hp_/);
    const row = await db.apiToken.findUniqueOrThrow({
      where: { tokenHash: hashApiToken(token) },
      include: { user: true },
    });
    expect(row.user.email).toBe(accounts.viewer);
    expect(row.expiresAt!.getTime() - row.createdAt.getTime()).toBeCloseTo(7 * 24 * 3600 * 1000, -4);
  });

  it("refuses an expiry that is not a whole number of days", async () => {
    const run = await runCliProcess([
      "tokens",
      "create",
      "--name",
      "ci",
      "--as",
      accounts.viewer,
      "--expires-days",
      "x",
    ]);
    expect(run.code).toBe(2);
  });
});
