// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, or to the embedded database when it is unset.
import { withDatabase } from "@/lib/runtime/database";
import { migrate, MigrationError } from "@/lib/db/migrations";
import { migrationsDirectory } from "@/lib/runtime/paths";

try {
  await withDatabase(async (databaseUrl) => {
    const report = await migrate(databaseUrl, migrationsDirectory);
    for (const name of report.applied) console.log(`applied   ${name}`);
    console.log(`${report.applied.length} applied, ${report.alreadyApplied.length} already up to date.`);
  });
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : error);
  process.exit(1);
}
