import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { migrate } from "@/lib/db/migrations";

let admin: pg.Client;
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `hp_migrate_${created.length}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  created.push(name);
  return Object.assign(new URL(inject("adminDatabaseUrl")), { pathname: `/${name}` }).toString();
}

function copyOfMigrations(): string {
  const directory = mkdtempSync(join(tmpdir(), "hp-migrations-"));
  cpSync("prisma/migrations", directory, { recursive: true });
  return directory;
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
});
afterAll(async () => {
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

async function bookkeeping(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    "SELECT migration_name, checksum, started_at, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
  );
  await client.end();
  return rows;
}

describe("migration runner", () => {
  it("applies every migration once, keeps Prisma's bookkeeping, and is a no-op the second time", async () => {
    const url = await freshDatabase();
    const first = await migrate(url, "prisma/migrations");
    expect(first.applied.length).toBeGreaterThan(0);
    const rows = await bookkeeping(url);
    expect(rows.map((row) => row.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    const second = await migrate(url, "prisma/migrations");
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied });
  });

  it("refuses to run when an applied migration's file has changed", async () => {
    const url = await freshDatabase();
    const directory = copyOfMigrations();
    const report = await migrate(url, directory);
    const firstName = report.applied[0]!;
    writeFileSync(join(directory, firstName, "migration.sql"), "-- edited\nSELECT 1;\n");
    await expect(migrate(url, directory)).rejects.toThrow(`Migration ${firstName} was changed after it was applied`);
  });

  it("rolls a failing migration back completely and records nothing for it", async () => {
    const url = await freshDatabase();
    const directory = copyOfMigrations();
    mkdirSync(join(directory, "29991231000000_broken"));
    writeFileSync(
      join(directory, "29991231000000_broken", "migration.sql"),
      'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n',
    );
    await expect(migrate(url, directory)).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'");
    await client.end();
    expect(rowCount).toBe(0);
    expect((await bookkeeping(url)).map((row) => row.migration_name)).not.toContain("29991231000000_broken");
  });
});
