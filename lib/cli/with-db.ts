import { closeJobQueue } from "@/lib/jobs/queue-client";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { withDatabase } from "@/lib/runtime/database";

/** Runs a command's work with a Prisma client on the configured (or embedded) database, closing it afterwards. */
export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  return withDatabase(async (url) => {
    const db = createPrismaClient(url);
    try {
      return await work(db);
    } finally {
      // Alerts a command queued (lib/notifications) opened the queue handle: closed before the database stops.
      await closeJobQueue();
      await db.$disconnect();
    }
  });
}
