import type { Command } from "commander";
import { createApiToken, createApiTokenInput } from "@/lib/api-tokens";
import type { CliIo } from "./io";
import { operatorContext } from "./operator-account";
import { parseWith, toInteger } from "./option-parsers";
import { withDb } from "./with-db";

type CreateOptions = { name: string; as?: string; expiresDays?: number };

export function registerTokenCommands(program: Command, io: CliIo): void {
  const tokens = program.command("tokens").description("personal API tokens for the HTTP API (/api/v1)");
  tokens
    .command("create")
    .description("create an API token for a dashboard account and print it once (only its hash is stored)")
    .requiredOption("--name <name>", "what the token is for (shown in the token list)")
    .option("--as <email>", "the dashboard account that owns the token (default: HP_CLI_USER)")
    .option(
      "--expires-days <n>",
      "days until the token stops working (default: until revoked)",
      parseWith(createApiTokenInput.shape.expiresInDays, toInteger),
    )
    .action((options: CreateOptions) =>
      withDb(async (db) => {
        const context = await operatorContext(db, options.as, "dashboard.view");
        const created = await createApiToken(db, context, {
          input: { name: options.name, expiresInDays: options.expiresDays },
        });
        const expiry = created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : "does not expire";
        io.err(`API token "${created.name}" for ${context.actor.email} (${expiry}); it is shown only now:\n`);
        io.out(`${created.token}\n`);
      }),
    );
}
