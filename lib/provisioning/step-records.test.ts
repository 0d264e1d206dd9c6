import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyTenant, type RunReport } from "./engine";
import { startProvisioningKit, type ProvisioningKit } from "./test-support";

let kit: ProvisioningKit;
const statements: string[] = [];
let report: RunReport;

beforeAll(async () => {
  kit = await startProvisioningKit();
  // The engine's own client, with Prisma's query log, so the statements of one apply can be counted.
  const logged = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("databaseUrl"), max: 10 }), log: [{ emit: "event", level: "query" }], omit: { user: { passwordHash: true }, secret: { sealed: true } } });
  logged.$on("query", (event) => statements.push(event.query.replace(/\s+/g, " ").trim()));
  try {
    report = await applyTenant(kit.tenant.id, { ...kit.engine, db: logged });
  } finally {
    await logged.$disconnect();
  }
});
afterAll(() => kit.close());

describe("step records of an apply", () => {
  it("creates each applied step's StepRun with its attempt number in one statement and finishes it with one more", () => {
    expect(report.status).toBe("succeeded");
    const applied = report.steps.filter((step) => step.status !== "skipped").length;
    const skipped = report.steps.length - applied;
    expect(applied).toBeGreaterThan(5);
    const stepRunStatements = statements.filter((statement) => /step_runs/.test(statement));
    const inserts = stepRunStatements.filter((statement) => statement.startsWith("INSERT INTO step_runs"));
    const updates = stepRunStatements.filter((statement) => statement.startsWith('UPDATE "public"."step_runs"'));
    // A step that does not apply to the tenant is recorded by the engine as skipped, with one insert of its own.
    const skippedInserts = stepRunStatements.filter((statement) => statement.startsWith('INSERT INTO "public"."step_runs"'));
    expect([inserts.length, updates.length, skippedInserts.length]).toEqual([applied, applied, skipped]);
    expect(stepRunStatements).toHaveLength(2 * applied + skipped);
  });

  it("opens each secret with one query", () => {
    expect(statements.filter((statement) => /FROM "public"."encryption_keys"/.test(statement))).toEqual([]);
  });
});
