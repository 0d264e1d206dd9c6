// The app's way of stopping, in small: the embedded PostgreSQL, a pool holding an idle connection (as the app's
// Prisma clients and job queue do) and `npm start`'s orderly stop on SIGINT/SIGTERM. Prints what the pool reports.
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { stopOnSignals } from "@/lib/runtime/shutdown";

const [directory, port] = process.argv.slice(2);
const database = await startEmbeddedPostgres({ directory: directory!, port: Number(port), password: "child" });
const pool = new pg.Pool({ connectionString: database.url });
pool.on("error", (error) => console.error("[pool]", error.message));
await pool.query("SELECT 1");
stopOnSignals(async () => {
  await pool.end();
  await database.stop();
  process.stdout.write("STOPPED\n");
});
process.stdout.write("READY\n");
setInterval(() => undefined, 60_000);
