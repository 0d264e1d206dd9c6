import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadKeyring } from "@/lib/secrets/keyring";
import { openSecret, sealSecret } from "@/lib/secrets/store";
import { writeCheckpoint } from "@/lib/audit/checkpoints";
import { recordAuditEvent, systemActor } from "@/lib/audit/record";
import { runCliProcess } from "@/lib/cli/testing/run-cli";
import { isolatedDatabase } from "@/test/support/db";
import { freePort } from "@/test/support/free-port";

const isolated = await isolatedDatabase();
afterAll(() => isolated.drop());

const newKey = () => randomBytes(32).toString("base64");
const externalEnv = (extra: Record<string, string>) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: isolated.url, ...extra };
  delete env.APP_ENCRYPTION_PREVIOUS_KEYS;
  return { ...env, ...extra };
};

describe("cli keys rotate and audit verify", { timeout: 90_000 }, () => {
  it("re-seals every secret under the new key given in the environment, and audits it", async () => {
    const oldKey = newKey();
    const nextKey = newKey();
    const refs = [1, 2].map((index) => ({ ownerType: "tenant", ownerId: `rotate-${index}`, purpose: "client-secret" }));
    for (const ref of refs)
      await sealSecret(isolated.db, {
        ref,
        value: `secret-of-${ref.ownerId}`,
        keyring: loadKeyring({ APP_ENCRYPTION_KEY: oldKey }),
      });

    const run = await runCliProcess(["keys", "rotate"], {
      env: externalEnv({ APP_ENCRYPTION_KEY: nextKey, APP_ENCRYPTION_PREVIOUS_KEYS: oldKey }),
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/re-sealed 2 secrets/);
    for (const ref of refs)
      expect(await openSecret(isolated.db, ref, loadKeyring({ APP_ENCRYPTION_KEY: nextKey }))).toBe(
        `secret-of-${ref.ownerId}`,
      );
    const event = await isolated.db.auditEvent.findFirst({ where: { action: "key.rotate" }, orderBy: { seq: "desc" } });
    expect(event?.actorEmail).toMatch(/^cli:/);
  });

  it("fails with one line naming the key when an old key is missing", async () => {
    await sealSecret(isolated.db, {
      ref: { ownerType: "tenant", ownerId: "orphan", purpose: "x" },
      value: "sealed-under-lost-key",
      keyring: loadKeyring({ APP_ENCRYPTION_KEY: newKey() }),
    });
    const run = await runCliProcess(["keys", "rotate"], { env: externalEnv({ APP_ENCRYPTION_KEY: newKey() }) });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/key version \d+/);
    await isolated.db.secret.deleteMany({ where: { ownerId: "orphan" } });
  });

  it("reports an intact chain through its checkpoint, a cut after the checkpoint, and a changed row", async () => {
    // A log of its own, keyed with this process's master key as a deployment's log is with its own.
    const own = await isolatedDatabase();
    const signOut = () =>
      own.db.$transaction((tx) =>
        recordAuditEvent(
          tx,
          { actor: systemActor },
          { event: { action: "auth.sign_out", outcome: "success", target: { type: "user", id: "u" }, details: {} } },
        ),
      );
    await signOut();
    const checkpointFile = join(mkdtempSync(join(tmpdir(), "hp-checkpoints-")), "checkpoints.jsonl");
    await writeCheckpoint(own.db, checkpointFile);
    const env = {
      ...externalEnv({ APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY!, AUDIT_CHECKPOINT_FILE: checkpointFile }),
      DATABASE_URL: own.url,
    };
    const intact = await runCliProcess(["audit", "verify"], { env });
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Audit chain intact: 1 events verified, through the checkpoint of .* \(event 1\)/);

    await signOut();
    await writeCheckpoint(own.db, checkpointFile);
    const raw = new pg.Client({ connectionString: own.url });
    await raw.connect();
    await raw.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
    await raw.query("DELETE FROM audit_events WHERE seq = 2");
    await raw.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
    const cut = await runCliProcess(["audit", "verify"], { env });
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/audit chain broken at event 2: truncated after 1: the checkpoint of .* names event 2/);

    await raw.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete");
    await raw.query("UPDATE audit_events SET action = 'auth.sign_in' WHERE seq = 1");
    await raw.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete");
    const changed = await runCliProcess(["audit", "verify"], { env });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/audit chain broken at event 1: its content does not match its hash/);
    await raw.end();
    await own.drop();
  });

  it("on the embedded default, generates a new master key, keeps the old one, and re-seals", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "hp-keys-"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
    };
    delete env.DATABASE_URL;
    delete env.APP_ENCRYPTION_KEY;
    delete env.APP_ENCRYPTION_PREVIOUS_KEYS;
    const migrate = await runCliProcess(["--help"], { env });
    expect(migrate.code).toBe(0);
    const { spawnSync } = await import("node:child_process");
    const migrated = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env, encoding: "utf8" });
    expect(migrated.status).toBe(0);
    const oldKey = readFileSync(join(dataDir, "master.key"), "utf8").trim();

    const run = await runCliProcess(["keys", "rotate", "--generate"], { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const currentKey = readFileSync(join(dataDir, "master.key"), "utf8").trim();
    expect(currentKey).not.toBe(oldKey);
    expect(readFileSync(join(dataDir, "previous.keys"), "utf8")).toContain(oldKey);
    expect(existsSync(join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  });
});
