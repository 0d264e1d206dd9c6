import { Command, CommanderError } from "commander";
import { ConfigError } from "@/lib/config/env";
import { MigrationError } from "@/lib/db/migrations";
import { SamlInputError } from "@/lib/saml/errors";
import { SecretKeyError } from "@/lib/secrets/keyring";
import { BackupError } from "@/lib/backup";
import { registerBackupCommands } from "./backup-commands";
import { registerDoctorCommand } from "./doctor-command";
import { CliExitCode, CliFailure, EXIT_FAILURE, EXIT_SUCCESS, EXIT_USAGE } from "./errors";
import { processIo, type CliIo } from "./io";
import { registerFleetCommands } from "./fleet-commands";
import { registerKeyPreparationCommands } from "./key-preparation-commands";
import { registerMaintenanceCommands } from "./maintenance-commands";
import { registerProvisioningCommands } from "./provisioning-commands";
import { registerRotationCommands } from "./rotation-commands";
import { registerSamlCommands } from "./saml-commands";
import { registerTokenCommands } from "./token-commands";

/** Each command group registers itself here; add new groups (tenants, provisioning, audit) to this list. */
const commandGroups: Array<(program: Command, io: CliIo) => void> = [
  registerSamlCommands,
  registerMaintenanceCommands,
  registerProvisioningCommands,
  registerRotationCommands,
  registerKeyPreparationCommands,
  registerDoctorCommand,
  registerFleetCommands,
  registerTokenCommands,
  registerBackupCommands,
];

function buildProgram(io: CliIo = processIo): Command {
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
    if (error instanceof CliExitCode) return error.code;
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
  if (error instanceof SamlInputError || error instanceof CliFailure || error instanceof ConfigError)
    return error.message;
  if (error instanceof SecretKeyError || error instanceof MigrationError || error instanceof BackupError)
    return error.message;
  const detail =
    error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message || error.cause.name})` : "";
  // Prisma puts the call site first and the reason on the last line.
  const lines = detail.trim().split("\n");
  const reason = error && typeof error === "object" && "clientVersion" in error ? lines.at(-1) : lines[0];
  return `unexpected failure: ${reason}${cause}`;
}
