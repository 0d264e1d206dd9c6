// A fresh, migrated database on an embedded PostgreSQL in a throw-away directory (as the test setup does).
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import pg from "pg";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrations";
import { ensureDataDirectory } from "@/lib/runtime/data-files";
import { startEmbeddedPostgres } from "@/lib/runtime/embedded-postgres";
import { freePort } from "@/test/support/free-port";

export async function startBenchDatabase(): Promise<{
  db: Db;
  url: string;
  postgresDirectory: string;
  stop(): Promise<void>;
}> {
  const directory = resolve(".data-bench", `provision-${process.pid}`);
  rmSync(directory, { recursive: true, force: true });
  ensureDataDirectory(directory);
  const postgresDirectory = resolve(directory, "postgres");
  const server = await startEmbeddedPostgres({
    directory: postgresDirectory,
    port: await freePort(),
    password: "bench",
    quiet: true,
  });
  try {
    const name = `hp_bench_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = Object.assign(new URL(server.url), { pathname: `/${name}` }).toString();
    await migrate(url, resolve("prisma/migrations"));
    process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    const db = createPrismaClient(url);
    return {
      db,
      url,
      postgresDirectory,
      async stop() {
        await db.$disconnect();
        await server.stop();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
