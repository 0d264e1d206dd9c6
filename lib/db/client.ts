import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Columns that hold credentials are left out of every query unless a caller asks for them by name. */
const omitCredentials = { user: { passwordHash: true }, secret: { sealed: true } } as const;

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }), omit: omitCredentials });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** Either the client or an open interactive transaction: queries take this as their first argument. */
export type DbTx = Parameters<Parameters<Db["$transaction"]>[0]>[0] | Db;

const holder = globalThis as unknown as { hybridProvisionerDb?: Db };

/** The process-wide client, created on first use from DATABASE_URL. */
export function getDb(): Db {
  if (!holder.hybridProvisionerDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which prepares the database.");
    holder.hybridProvisionerDb = createPrismaClient(url);
  }
  return holder.hybridProvisionerDb;
}

/** Disconnects the process-wide client if one was made (at shutdown, before the database stops). */
export async function closeDb(): Promise<void> {
  const db = holder.hybridProvisionerDb;
  holder.hybridProvisionerDb = undefined;
  await db?.$disconnect().catch(() => undefined);
}
