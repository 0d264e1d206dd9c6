import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";

let client: Db | undefined;

/** The run's migrated test database; also published as DATABASE_URL with a test master key for code under test. */
export function testDb(): Db {
  if (!client) {
    process.env.DATABASE_URL = inject("databaseUrl");
    process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
    client = createPrismaClient(process.env.DATABASE_URL);
  }
  return client;
}

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(4).toString("hex")}@example.test`;

/** A separate freshly migrated database, for tests that break things (tampering, key loss) the shared one must not see. */
export async function isolatedDatabase(): Promise<{ db: Db; url: string; drop(): Promise<void> }> {
  const { default: pg } = await import("pg");
  const { migrate } = await import("@/lib/db/migrations");
  const adminUrl = inject("adminDatabaseUrl");
  const name = `hp_isolated_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  await migrate(url, "prisma/migrations");
  process.env.APP_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  const db = createPrismaClient(url);
  return {
    db,
    url,
    async drop() {
      await db.$disconnect();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
