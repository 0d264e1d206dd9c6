import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { appendForeignAuditRow } from "@/test/support/foreign-audit-row";
import { until } from "@/test/support/until";
import { applyTenant, type RunReport } from "./engine";
import { loadTenantView, type TenantView } from "../model/tenant-view";
import { startRun, type RunHandle } from "./run-records";
import { recordStepTransition } from "./step-transition";
import { openSecret, sealSecret } from "@/lib/secrets/store";
import { tenantSecretRef } from "../model/secret-refs";
import { SAML_KEY_MATERIAL } from "../model/step-keys";
import { PREPARED_SAML_KEY } from "../steps/saml-key-material";
import { startProvisioningKit, testAudit, type KitOptions, type ProvisioningKit } from "../test-support";

/** A client like the engine's, with Prisma's query log, so the statements it sends can be counted. */
function loggedClient() {
  const statements: string[] = [];
  const logged = new PrismaClient({
    adapter: new PrismaPg({ connectionString: inject("databaseUrl"), max: 10 }),
    log: [{ emit: "event", level: "query" }],
    omit: { user: { passwordHash: true }, secret: { sealed: true } },
  });
  logged.$on("query", (event) => statements.push(event.query.replace(/\s+/g, " ").trim()));
  return { logged, statements };
}

/** An apply of a fresh kit's tenant through the engine's own client, with Prisma's query log. */
async function loggedApply(options: KitOptions = {}) {
  const kit = await startProvisioningKit(options);
  const { logged, statements } = loggedClient();
  try {
    return { kit, statements, report: await applyTenant(kit.tenant.id, { ...kit.engine, db: logged }) };
  } finally {
    await logged.$disconnect();
  }
}

/**
 * A run started on a fresh kit's tenant, and the engine's client with Prisma's query log, for `work` to record
 * transitions of; both closed afterwards.
 */
async function withOwnRun(
  work: (setting: {
    own: ProvisioningKit;
    logged: ReturnType<typeof loggedClient>["logged"];
    statements: string[];
    tenant: TenantView;
    run: RunHandle;
  }) => Promise<void>,
) {
  const own = await startProvisioningKit();
  const { logged, statements } = loggedClient();
  try {
    const tenant = await loadTenantView(own.db, own.tenant.id);
    const run = await startRun(own.db, testAudit, { tenant, mode: "apply", stepKey: null, leaseMs: 60_000 });
    await work({ own, logged, statements, tenant, run });
  } finally {
    await logged.$disconnect();
    await own.close();
  }
}

const isAuditAppend = (statement: string) =>
  statement.startsWith("SELECT audit_append_after(") || statement.includes("SELECT audit_append_for_run(");

/**
 * Step boundaries written as one statement with their audit records, and those written in a transaction with them
 * (Prisma's log shows each COMMIT, not BEGIN: the boundary's audit append comes before the next COMMIT).
 */
function boundariesByKind(statements: string[]) {
  let oneStatement = 0;
  let inTransaction = 0;
  for (const [index, statement] of statements.entries()) {
    if (!/^WITH .*\b(started|finished|stopped) AS \(/.test(statement)) continue;
    if (statement.includes("SELECT audit_append_for_run(")) {
      oneStatement += 1;
      continue;
    }
    const commit = statements.indexOf("COMMIT", index);
    if (commit < 0 || !statements.slice(index + 1, commit).some(isAuditAppend))
      throw new Error(`a step boundary written without its audit records: ${statement}`);
    inTransaction += 1;
  }
  return { oneStatement, inTransaction };
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

  it("commits each step's end with the next step's start and their audit records as one statement, the org and the certificate too", async () => {
    const applied = report.steps.filter((step) => step.status !== "skipped").length;
    expect(statements.filter(isAuditAppend)).toHaveLength(applied + 2);
    expect(boundariesByKind(statements)).toEqual({ oneStatement: applied + 1, inTransaction: 0 });
    // Only the run's start is a transaction.
    expect(statements.filter((statement) => statement === "COMMIT")).toHaveLength(1);
    const records = statements.filter((statement) => statement.includes("SELECT step_tenant_records("));
    expect(records).toHaveLength(2);
    expect(records.every((statement) => statement.includes("SELECT audit_append_for_run("))).toBe(true);
    const tenant = await kit.db.tenant.findUniqueOrThrow({ where: { id: kit.tenant.id } });
    expect(tenant.orgId).toEqual(expect.any(String));
    expect(tenant.certificateExpiresAt).toBeInstanceOf(Date);
  });

  it("ends the run in the last step's boundary statement", async () => {
    const ends = statements.filter((statement) => /\brun_end AS \( UPDATE runs SET status = \$\d+/.test(statement));
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatch(/finished AS \(.*SELECT audit_append_for_run\(/);
    expect(statements.filter((statement) => statement.startsWith('UPDATE "public"."runs" SET "status"'))).toEqual([]);
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run).toMatchObject({ status: "succeeded", errorCode: null, operatorMessage: null });
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.summary).toEqual({
      steps: Object.fromEntries(report.steps.map((step) => [step.stepKey, expect.any(String)])),
    });
  });

  it("reads the step states once, in the transaction that takes the tenant's lease", () => {
    const reads = statements.flatMap((statement, index) =>
      /^SELECT .*FROM "public"."step_states" WHERE "public"."step_states"."tenant_id" = \$1 /.test(statement)
        ? [index]
        : [],
    );
    const lease = statements.findIndex((statement) =>
      /^SELECT .* FROM tenants .* FOR UPDATE OF tenants$/.test(statement),
    );
    expect(reads).toHaveLength(1);
    expect(lease).toBeGreaterThanOrEqual(0);
    expect(reads[0]).toBeGreaterThan(lease);
    expect(reads[0]).toBeLessThan(statements.indexOf("COMMIT"));
  });

  it("opens the secrets stored at the run's start (the tenant's and the deployment's GAX password) with one query before its first step", () => {
    const batched = statements.filter((statement) => /FROM secrets s .* OR \(s\.owner_type/.test(statement));
    expect(batched).toHaveLength(1);
    const firstStep = statements.findIndex((statement) => /started AS \(/.test(statement));
    expect(statements.indexOf(batched[0]!)).toBeLessThan(firstStep);
    // Only a purpose not stored at the start is read again, and not the key material's before it has a certificate.
    const single = statements.filter((statement) => /FROM secrets s .* AND s\.purpose = \$3$/.test(statement));
    expect(single.length).toBeLessThanOrEqual(1);
  });

  it("takes the tenant's lease with one statement that also finds a running run, and marks none abandoned when there is none", () => {
    const runReads = statements.filter((statement) => /^SELECT .* FROM "public"."runs" WHERE/.test(statement));
    const abandoned = statements.filter((statement) =>
      /^UPDATE "public"."runs" SET "status" = \$1, "finished_at" = \$2, "error_code" = \$3, "operator_message" = \$4 WHERE \("public"."runs"."tenant_id"/.test(
        statement,
      ),
    );
    expect([runReads, abandoned]).toEqual([[], []]);
  });

  it("reads nothing more for alerts once an apply has succeeded (it calls for none)", () => {
    expect(statements.filter((statement) => /^SELECT .* FROM "public"."step_runs"/.test(statement))).toEqual([]);
  });

  it("reads the deployment's other tenants' isolation results with one query", () => {
    expect(
      statements.filter((statement) => /FROM step_states s JOIN tenants t ON t\.id = s\.tenant_id/.test(statement)),
    ).toHaveLength(1);
    expect(
      statements.filter((statement) =>
        statement.includes('SELECT "public"."step_states"."id", "public"."step_states"."outputs"'),
      ),
    ).toEqual([]);
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
    expect(statements.filter(isAuditAppend)).toHaveLength(started.length + 2);
    const { oneStatement, inTransaction } = boundariesByKind(statements);
    expect(oneStatement + inTransaction).toBe(started.length + 1);
    // The isolation check's end and the network allow-list's start are one statement.
    const boundary = statements.filter((statement) =>
      /^WITH stopped AS \( UPDATE step_runs .* stopped_state AS .* started AS \(/.test(statement),
    );
    expect(boundary).toHaveLength(1);
    const run = await kit.db.run.findUniqueOrThrow({ where: { id: report.runId } });
    expect(run.status).toBe("needs-input");
  });
});

describe("step records of an apply while another process appends to the audit log", () => {
  it("writes a boundary again in a transaction when the chain has moved on: every step's records and the chain hold", async () => {
    const other = await startProvisioningKit();
    try {
      const appendedByOthers: number[] = [];
      const hooks = {
        afterExternalCreate: async () => {
          await appendForeignAuditRow(other.db, inject("databaseUrl"));
          appendedByOthers.push(1);
        },
      };
      const applied = await applyTenant(other.tenant.id, { ...other.engine, hooks });
      expect(applied.status).toBe("succeeded");
      expect(appendedByOthers.length).toBeGreaterThan(0);
      const starts = await other.db.auditEvent.count({
        where: { action: "step.start", details: { path: ["runId"], equals: applied.runId } },
      });
      expect(starts).toBe(applied.steps.filter((step) => step.status !== "skipped").length);
      // The shared test database holds rows of other test files signed with other keys: check the links from the
      // run's first record on (each row chained onto the one before it, no gap and no fork).
      const first = await other.db.auditEvent.findFirstOrThrow({
        where: { action: "run.start", details: { path: ["runId"], equals: applied.runId } },
      });
      const rows = await other.db.auditEvent.findMany({ where: { seq: { gte: first.seq } }, orderBy: { seq: "asc" } });
      for (const [index, row] of rows.slice(1).entries()) {
        expect(row.seq).toBe(rows[index]!.seq + BigInt(1));
        expect(row.prevHash).toBe(rows[index]!.hash);
      }
    } finally {
      await other.close();
    }
  });
});

describe("a step's tenant records while another transaction holds the tenant's row", () => {
  it("waits for the row in a transaction instead, and discards a prepared key sealed just before", async () => {
    await withOwnRun(async ({ own, logged, statements, tenant, run }) => {
      const begun = await recordStepTransition(own.db, testAudit, {
        tenant,
        run,
        transition: { begin: SAML_KEY_MATERIAL },
      });
      const preparedRef = tenantSecretRef(tenant.id, PREPARED_SAML_KEY);
      // As a key being prepared does: the tenant's row locked, the key sealed, not yet committed.
      let commitPreparation!: () => void;
      const held = new Promise<void>((resolve) => (commitPreparation = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const preparation = own.db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${tenant.id}::uuid FOR UPDATE`;
          await sealSecret(tx, { ref: preparedRef, value: "a key prepared meanwhile" });
          locked();
          await held;
        },
        { timeout: 30_000 },
      );
      await lockTaken;
      statements.length = 0;
      const expiresAt = new Date("2036-12-01T00:00:00Z");
      const completed = {
        key: SAML_KEY_MATERIAL,
        stepRunId: begun.stepRunId!,
        manual: false,
        calls: [],
        result: {
          result: "created" as const,
          outputs: {},
          changes: [],
          certificateExpiresAt: expiresAt,
          discardSecrets: [PREPARED_SAML_KEY],
        },
      };
      const finish = { status: "succeeded" as const, steps: {} };
      const transition = recordStepTransition(logged, testAudit, { tenant, run, transition: { completed, finish } });
      await until(
        async () => {
          const [waiting] = await own.db.$queryRaw<{ count: number }[]>`
            SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT 1 FROM tenants WHERE id = $1::uuid FOR UPDATE%'`;
          return waiting!.count > 0;
        },
        { what: "the boundary's transaction to wait for the tenant's row" },
      );
      commitPreparation();
      await preparation;
      await expect(transition).resolves.toEqual({});
      // The one statement was refused at once (the row was held; Prisma logs only statements that succeeded), then a
      // transaction waited for the row and wrote the boundary.
      const lock = statements.findIndex((statement) =>
        /^SELECT 1 FROM tenants WHERE id = \$1::uuid FOR UPDATE$/.test(statement),
      );
      const records = statements.findIndex((statement) => statement.includes("SELECT step_tenant_records("));
      expect(lock).toBeGreaterThanOrEqual(0);
      expect(records).toBeGreaterThan(lock);
      expect(statements.indexOf("COMMIT")).toBeGreaterThan(records);
      expect(await openSecret(own.db, preparedRef)).toBeUndefined();
      const row = await own.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
      expect(row.certificateExpiresAt).toEqual(expiresAt);
      expect(
        await own.db.stepState.findUnique({
          where: { tenantId_stepKey: { tenantId: tenant.id, stepKey: SAML_KEY_MATERIAL } },
        }),
      ).toMatchObject({ status: "done" });
    });
  });
});

describe("a run's end asked to stop during its last step", () => {
  it("is still one statement: a stop asked for holds back only a next step, and the run ends with its outcome", async () => {
    await withOwnRun(async ({ own, logged, statements, tenant, run }) => {
      await own.db.run.update({ where: { id: run.id }, data: { cancelRequestedAt: new Date(), cancelledBy: "x" } });
      statements.length = 0;
      const finish = { status: "succeeded" as const, steps: {} };
      await expect(recordStepTransition(logged, testAudit, { tenant, run, transition: { finish } })).resolves.toEqual({
        stepRunId: undefined,
      });
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^WITH run_end AS \( UPDATE runs .*SELECT audit_append_for_run\(/);
      expect(await own.db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "succeeded" });
      const ended = await own.db.auditEvent.findFirst({
        where: { action: "run.finish", details: { path: ["runId"], equals: run.id } },
      });
      expect(ended?.details).toMatchObject({ status: "succeeded" });
    });
  });
});
