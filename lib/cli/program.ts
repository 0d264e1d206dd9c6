import { Command, CommanderError } from "commander";
import { SamlInputError } from "@/lib/saml/errors";
import { CliFailure, EXIT_FAILURE, EXIT_SUCCESS, EXIT_USAGE } from "./errors";
import { processIo, type CliIo } from "./io";
import { registerSamlCommands } from "./saml-commands";

/** Each command group registers itself here; add new groups (tenants, provisioning, audit) to this list. */
const commandGroups: Array<(program: Command, io: CliIo) => void> = [registerSamlCommands];

export function buildProgram(io: CliIo = processIo): Command {
  const program = new Command("cli")
    .description("Hybrid Provisioner command line: the same library as the web app, for operators and scripts.")
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of commandGroups) register(program, io);
  return program;
}

/** Runs the command line and returns the exit code: 0 success, 1 failure (one line on stderr), 2 usage error. */
export async function runCli(args: string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(args, { from: "user" });
    return EXIT_SUCCESS;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the message (and the help, for usage errors).
      const shownOnRequest = error.code === "commander.helpDisplayed" || error.code === "commander.version";
      return shownOnRequest ? EXIT_SUCCESS : EXIT_USAGE;
    }
    io.err(`error: ${failureReason(error)}\n`);
    return EXIT_FAILURE;
  }
}

function failureReason(error: unknown): string {
  if (error instanceof SamlInputError || error instanceof CliFailure) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `unexpected failure: ${detail.split("\n")[0]}`;
}
