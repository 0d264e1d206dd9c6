import { existsSync, readFileSync } from "node:fs";
import { parseEnv, type AppEnv } from "@/lib/config/env";
import { dataDirectory } from "@/lib/runtime/paths";
import {
  dataFiles,
  ensureDataDirectory,
  randomKeyBase64,
  randomToken,
  readOrCreateSecretFile,
} from "@/lib/runtime/data-files";
import { appRoleUrl, ensureAppRole } from "@/lib/db/app-role";
import { runningPostmaster, startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/runtime/embedded-postgres";

export type Runtime = {
  env: AppEnv;
  /** What the app and workers connect as: on the embedded default, a role that owns nothing (lib/db/app-role.ts). */
  databaseUrl: string;
  /** What migrations run as: the owner of the tables (MIGRATION_DATABASE_URL, else DATABASE_URL). */
  ownerUrl: string;
  /** Embedded default: the app role this process set up, to grant again after migrations add tables. */
  appRole?: { password: string };
  /** Set when this process started the embedded server and must stop it. */
  embedded?: EmbeddedDatabase;
  dataDirectory: string;
};

type PrepareOptions = {
  /** Connect to an embedded server that another process of this app already runs, instead of refusing. */
  reuseRunningServer?: boolean;
};

/**
 * Validates configuration, fills in what the embedded default generates (keys under the data directory),
 * makes sure a database is reachable, and publishes the result in process.env for the app and its libraries.
 */
export async function prepareRuntime(options: PrepareOptions = {}): Promise<Runtime> {
  const env = parseEnv(process.env);
  const directory = dataDirectory(process.env);
  ensureDataDirectory(directory);
  const files = dataFiles(directory);

  if (env.DATABASE_URL) {
    return {
      env,
      databaseUrl: env.DATABASE_URL,
      ownerUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL,
      dataDirectory: directory,
    };
  }

  process.env.APP_ENCRYPTION_KEY = env.APP_ENCRYPTION_KEY ?? readOrCreateSecretFile(files.masterKey, randomKeyBase64);
  if (!env.APP_ENCRYPTION_PREVIOUS_KEYS.length && existsSync(files.previousKeys)) {
    process.env.APP_ENCRYPTION_PREVIOUS_KEYS = readFileSync(files.previousKeys, "utf8")
      .split(/\s+/)
      .filter(Boolean)
      .join(",");
  }
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET ?? readOrCreateSecretFile(files.authSecret, randomToken);
  process.env.NEXTAUTH_URL = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const password = readOrCreateSecretFile(files.postgresPassword, randomToken);
  const port = env.EMBEDDED_POSTGRES_PORT;

  let embedded: EmbeddedDatabase | undefined;
  let ownerUrl: string;
  if (options.reuseRunningServer && runningPostmaster(files.postgresDirectory)) {
    ownerUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/hybrid_provisioner`;
  } else {
    embedded = await startEmbeddedPostgres({ directory: files.postgresDirectory, port, password });
    ownerUrl = embedded.url;
  }
  // The app never connects as the superuser: migrations do (as the owner), the app as a role of least privilege.
  const appRole = { password: readOrCreateSecretFile(files.appRolePassword, randomToken) };
  await ensureAppRole(ownerUrl, appRole);
  const databaseUrl = appRoleUrl(ownerUrl, appRole);
  process.env.DATABASE_URL = databaseUrl;
  process.env.MIGRATION_DATABASE_URL = ownerUrl;
  process.env.HP_EMBEDDED_DATABASE = "1";
  return { env: parseEnv(process.env), databaseUrl, ownerUrl, appRole, embedded, dataDirectory: directory };
}
