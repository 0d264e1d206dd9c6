import { closeDb } from "@/lib/db/client";
import { closeJobQueue } from "@/lib/jobs/queue-client";
import type { Server } from "node:http";

/**
 * Runs `stop` once, on the first SIGINT (Ctrl-C) or SIGTERM, then exits with 0. Later signals are ignored while it
 * runs, so a second Ctrl-C does not cut the orderly stop short.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** Stops accepting requests and ends the open connections, so no request reaches the database while it stops. */
export function closeHttpServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * The connections the web app opens in this process on first use (the Prisma client and the queue handle, kept on
 * globalThis because Next.js bundles its own copies of those modules), closed before the embedded database stops so
 * it has no session to terminate.
 */
export async function closeProcessWideClients(): Promise<void> {
  await Promise.all([closeJobQueue(), closeDb()]);
}
