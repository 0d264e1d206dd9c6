import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { recordAuditEvent, systemActor } from "@/lib/audit/record";
import { createPrismaClient } from "@/lib/db/client";
import { appRoleUrl, ensureAppRole } from "@/lib/db/app-role";
import { isolatedDatabase } from "@/test/support/db";

// A role of its own per run: roles belong to the whole server, which other test files share.
const appRole = { role: `hp_app_test_${randomBytes(4).toString("hex")}`, password: randomBytes(16).toString("hex") };
const isolated = await isolatedDatabase();
await ensureAppRole(isolated.url, appRole);
await ensureAppRole(isolated.url, appRole); // idempotent
const app = new pg.Client({ connectionString: appRoleUrl(isolated.url, appRole) });
await app.connect();

afterAll(async () => {
  await app.end();
  await isolated.drop();
  const admin = new pg.Client({ connectionString: isolated.url.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${appRole.role}`);
  await admin.end();
});

const refused = async (sql: string) =>
  (await app.query(sql).then(
    () => null,
    (error: Error) => error.message,
  )) ?? "allowed";

describe("the app's database role", () => {
  it("appends to the audit log through the app's own code", async () => {
    const db = createPrismaClient(appRoleUrl(isolated.url, appRole));
    try {
      const event = await db.$transaction((tx) =>
        recordAuditEvent(
          tx,
          { actor: systemActor },
          { event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u" }, details: {} } },
        ),
      );
      expect(event.seq).toBe(BigInt(1));
      expect(await db.auditEvent.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it("cannot change, delete or empty audit rows, nor switch the log's protection off", async () => {
    expect(await refused("UPDATE audit_events SET actor_email = 'x'")).toMatch(/permission denied/);
    expect(await refused("DELETE FROM audit_events")).toMatch(/permission denied/);
    expect(await refused("TRUNCATE audit_events")).toMatch(/permission denied/);
    expect(await refused("DELETE FROM audit_event_search")).toMatch(/permission denied/);
    expect(await refused("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete")).toMatch(
      /must be owner/,
    );
    expect(await refused("SET session_replication_role = replica")).toMatch(/permission denied/);
    expect(await refused("UPDATE audit_log_identity SET id = gen_random_uuid()")).toMatch(/permission denied/);
    expect(await refused("DROP TABLE audit_events")).toMatch(/must be owner/);
  });

  it("reads and writes the app's other tables", async () => {
    expect(await refused("INSERT INTO sign_in_throttles (key, failures, window_start) VALUES ('k', 1, now())")).toBe(
      "allowed",
    );
    expect(await refused("UPDATE sign_in_throttles SET failures = 2 WHERE key = 'k'")).toBe("allowed");
    expect(await refused("DELETE FROM sign_in_throttles WHERE key = 'k'")).toBe("allowed");
  });
});
