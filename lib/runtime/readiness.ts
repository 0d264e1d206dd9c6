import type { DbTx } from "@/lib/db/client";
import { checkDatabase } from "@/lib/db/health";
import { migrationNames } from "@/lib/db/migrations";

type Check = { ok: true } | { ok: false; reason: string };
export type Readiness = { ready: boolean; checks: { database: Check; migrations: Check; worker: Check } };

async function migrationsCurrent(db: DbTx, directory: string): Promise<Check> {
  const applied = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = migrationNames(directory).filter((name) => !done.has(name));
  if (pending.length === 0) return { ok: true };
  return {
    ok: false,
    reason: `${pending.length} migration(s) not applied (first: ${pending[0]}): run npm run db:migrate as the owner`,
  };
}

/**
 * Whether this process should get traffic: the database answers, every migration of this release is applied, and,
 * when the process is meant to run a worker (WORKER=on), it does.
 */
export async function checkReadiness(
  db: DbTx,
  {
    migrationsDirectory,
    workerExpected,
    workerSince,
  }: {
    migrationsDirectory: string;
    workerExpected: boolean;
    workerSince: Date | null;
  },
): Promise<Readiness> {
  const database = await checkDatabase(db);
  const migrations: Check = database.ok
    ? await migrationsCurrent(db, migrationsDirectory)
    : { ok: false, reason: "not checked: the database cannot be reached" };
  const worker: Check =
    !workerExpected || workerSince
      ? { ok: true }
      : { ok: false, reason: "WORKER=on but this process runs no worker (it has not started, or it stopped)" };
  return { ready: database.ok && migrations.ok && worker.ok, checks: { database, migrations, worker } };
}
