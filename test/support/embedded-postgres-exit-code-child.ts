// Starts and stops an embedded PostgreSQL, then ends with exit code 3 by letting the event loop empty, as a test run
// that failed does: the process must end with 3, not with what an exit hook decides.
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";

const [directory, port] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ directory: directory!, port: Number(port), password: "child" });
await server.stop();
process.exitCode = 3;
