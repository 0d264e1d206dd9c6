// `npm run cli -- <command>`: the Hybrid Provisioner command line.
import { runCli } from "@/lib/cli/program";

process.exitCode = await runCli(process.argv.slice(2));
