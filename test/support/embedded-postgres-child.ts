// Starts an embedded PostgreSQL and waits to be killed: lets tests leave a server orphaned like a crashed app would.
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

const [directory, port] = process.argv.slice(2);
await startEmbeddedPostgres({ directory: directory!, port: Number(port), password: "child" });
process.stdout.write("READY\n");
setInterval(() => undefined, 60_000);
