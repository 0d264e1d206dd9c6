import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import pg from "pg";
import { migrate } from "@/lib/db/migrations";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { ensureDataDirectory } from "@/lib/runtime/data-files";
import { freePort } from "@/test/support/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

/**
 * Every test run gets a fresh, migrated database: on TEST_DATABASE_URL's server when given, otherwise on an
 * embedded PostgreSQL in a throw-away directory.
 */
export default async function setup(project: TestProject) {
  const name = `hp_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  const directory = resolve(".data-test", `run-${process.pid}-${randomBytes(3).toString("hex")}`);
  if (!serverUrl) {
    rmSync(directory, { recursive: true, force: true });
    ensureDataDirectory(directory);
    const embedded = await startEmbeddedPostgres({
      directory: resolve(directory, "postgres"),
      port: await freePort(),
      password: "test",
    });
    serverUrl = embedded.url;
    stopServer = embedded.stop;
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await migrate(databaseUrl, resolve("prisma/migrations"));
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", serverUrl);

  return async () => {
    if (stopServer) {
      await stopServer();
      rmSync(directory, { recursive: true, force: true });
    } else {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    }
  };
}
