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

type Closable = {
  stop?: (options?: { graceful?: boolean; wait?: boolean }) => Promise<void>;
  $disconnect?: () => Promise<void>;
};

/**
 * The connections the web app opens in this process on first use: the Prisma client of lib/db/client.ts and the
 * queue handle of lib/jobs/queue-client.ts, both kept on globalThis because Next.js bundles its own copies of those
 * modules. Closed before the embedded database stops, so it has no session to terminate.
 */
export async function closeProcessWideClients(): Promise<void> {
  const holder = globalThis as unknown as {
    hybridProvisionerDb?: Closable;
    hybridProvisionerQueue?: Promise<Closable>;
  };
  const queue = holder.hybridProvisionerQueue;
  const db = holder.hybridProvisionerDb;
  holder.hybridProvisionerQueue = undefined;
  holder.hybridProvisionerDb = undefined;
  await Promise.all([
    queue?.then((boss) => boss.stop?.({ graceful: true, wait: true })).catch(() => undefined),
    db?.$disconnect?.().catch(() => undefined),
  ]);
}
