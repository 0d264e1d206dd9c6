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
