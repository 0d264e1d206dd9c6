import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyTenant, type RunReport } from "./engine";
import { startProvisioningKit, type KitOptions, type ProvisioningKit } from "../test-support";

/** An apply of a fresh kit's tenant through the engine's own client, with Prisma's query log, so its statements can be counted. */
async function loggedApply(options: KitOptions = {}) {
  const kit = await startProvisioningKit(options);
  const statements: string[] = [];
  const logged = new PrismaClient({
    adapter: new PrismaPg({ connectionString: inject("databaseUrl"), max: 10 }),
    log: [{ emit: "event", level: "query" }],
    omit: { user: { passwordHash: true }, secret: { sealed: true } },
  });
  logged.$on("query", (event) => statements.push(event.query.replace(/\s+/g, " ").trim()));
  try {
    return { kit, statements, report: await applyTenant(kit.tenant.id, { ...kit.engine, db: logged }) };
  } finally {
    await logged.$disconnect();
  }
}

let kit: ProvisioningKit;
let statements: string[];
let report: RunReport;

beforeAll(async () => {
  ({ kit, statements, report } = await loggedApply());
});
afterAll(() => kit.close());

describe("step records of an apply", () => {
  it("records each step boundary in one statement: the step's end (StepRun, state done), the steps passed over and the next step's start (StepRun with its attempt number, state running)", async () => {
    expect(report.status).toBe("succeeded");
    const applied = report.steps.filter((step) => step.status !== "skipped").length;
    const skipped = report.steps.length - applied;
    expect(applied).toBeGreaterThan(5);
    const boundaries = statements.filter((statement) => /^WITH .*\b(started|finished) AS \(/.test(statement));
    const starts = boundaries.filter((statement) =>
      /started AS \( INSERT INTO step_runs .* running_state AS \( INSERT INTO step_states/.test(statement),
    );
    const ends = boundaries.filter((statement) =>
      /finished AS \( UPDATE step_runs .* done_state AS \( INSERT INTO step_states/.test(statement),
    );
    expect([boundaries.length, starts.length, ends.length]).toEqual([applied + 1, applied, applied]);
    // No other writes to either table.
    const otherWrites = statements.filter(
      (statement) =>
        /step_runs|step_states/.test(statement) && !/^SELECT/.test(statement) && !boundaries.includes(statement),
    );
    expect(otherWrites).toEqual([]);
    const passedOver = await kit.db.stepRun.count({ where: { runId: report.runId, status: "skipped" } });
    expect(passedOver).toBe(skipped);
  });

  it("reads an operator's cancel request in the boundary's statement, not with a query of its own", () => {
    const boundaryReads = statements.filter((statement) =>
      /^WITH .*started AS \(.*cancel_requested_at/.test(statement),
    );
    const ownReads = statements.filter((statement) =>
      /^SELECT "public"."runs"."id", "public"."runs"."cancel_requested_at", "public"."runs"."cancelled_by" FROM/.test(
        statement,
      ),
    );
    expect(boundaryReads.length).toBeGreaterThan(0);
    expect(ownReads).toEqual([]);
  });

  it("commits a step's end with the next step's start (the last one's with the run's end): one transaction and one audit append per step, plus the run's start and first step", () => {
    const applied = report.steps.filter((step) => step.status !== "skipped").length;
    expect(statements.filter((statement) => statement === "COMMIT")).toHaveLength(applied + 2);
    expect(statements.filter((statement) => statement.startsWith("SELECT audit_append_after("))).toHaveLength(
      applied + 2,
    );
  });

  it("reads the step states once, in the transaction that takes the tenant's lease", () => {
    const reads = statements.flatMap((statement, index) =>
      /^SELECT .*FROM "public"."step_states" WHERE "public"."step_states"."tenant_id" = \$1 /.test(statement)
        ? [index]
        : [],
    );
    const lease = statements.findIndex((statement) =>
      /^SELECT id FROM tenants WHERE id = \$1::uuid FOR UPDATE$/.test(statement),
    );
    expect(reads).toHaveLength(1);
    expect(lease).toBeGreaterThanOrEqual(0);
    expect(reads[0]).toBeGreaterThan(lease);
    expect(reads[0]).toBeLessThan(statements.indexOf("COMMIT"));
  });

  it("opens each secret with one query", () => {
    expect(statements.filter((statement) => /FROM "public"."encryption_keys"/.test(statement))).toEqual([]);
  });
});

describe("step records of an apply that goes on after a step that needs input", () => {
  let waiting: Awaited<ReturnType<typeof loggedApply>>;
  beforeAll(async () => {
    waiting = await loggedApply({ isolationAgent: false });
  });
  afterAll(() => waiting.kit.close());

  it("keeps one transaction per step boundary: the step that needs input ends with the next step's start, the last step with the run", async () => {
    const { report, statements, kit } = waiting;
    expect(report.status).toBe("needs-input");
    const started = report.steps.filter((step) => step.status !== "skipped" && step.status !== "not-run");
    expect(started.map((step) => step.status).filter((status) => status !== "succeeded")).toEqual(["needs-input"]);
    expect(statements.filter((statement) => statement === "COMMIT")).toHaveLength(started.length + 2);
    expect(statements.filter((statement) => statement.startsWith("SELECT audit_append_after("))).toHaveLength(
      started.length + 2,
    );
    // The isolation check's end and the network allow-list's start are one statement.
    const boundary = statements.filter((statement) =>
      /^WITH stopped AS \( UPDATE step_runs .* stopped_state AS .* started AS \(/.test(statement),
    );
    expect(boundary).toHaveLength(1);
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run.status).toBe("needs-input");
  });
});
