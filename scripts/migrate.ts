// `npm run db:migrate`: applies prisma/migrations as the owner (MIGRATION_DATABASE_URL, else DATABASE_URL), or to the
// embedded database when DATABASE_URL is unset (and grants its app role the new tables).
import { ensureAppRole } from "@/lib/db/app-role";
import { migrate, MigrationError } from "@/lib/db/migrations";
import { migrationsDirectory } from "@/lib/runtime/paths";
import { prepareRuntime } from "@/lib/runtime/prepare";

const runtime = await prepareRuntime({ reuseRunningServer: true });
try {
  const report = await migrate(runtime.ownerUrl, migrationsDirectory);
  if (runtime.appRole && report.applied.length > 0) await ensureAppRole(runtime.ownerUrl, runtime.appRole);
  for (const name of report.applied) console.log(`applied   ${name}`);
  console.log(`${report.applied.length} applied, ${report.alreadyApplied.length} already up to date.`);
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exitCode = 1;
} finally {
  await runtime.embedded?.stop();
}
