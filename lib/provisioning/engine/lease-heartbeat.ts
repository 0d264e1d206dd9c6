import type { Db } from "@/lib/db/client";

/** A run's lease renewed on a timer while its process lives; `stop` when the run has ended. */
export interface LeaseHeartbeat {
  stop(): Promise<void>;
}

const beating = new Set<LeaseHeartbeat>();

/**
 * Renews the run's lease every third of it, however long a step takes (a step may wait minutes on rate limits or
 * propagation). A process that dies stops renewing, so its tenant is free again once the lease passes. A missed
 * renewal (the database briefly away) is tried again at the next beat; the lease has room for two.
 */
export function keepLeaseAlive(db: Db, { runId, leaseMs }: { runId: string; leaseMs: number }): LeaseHeartbeat {
  let renewing: Promise<unknown> = Promise.resolve();
  const renew = () =>
    db.run
      .updateMany({ where: { id: runId, status: "running" }, data: { leaseExpiresAt: new Date(Date.now() + leaseMs) } })
      .then(async (renewed) => {
        // The run has ended (or was ended elsewhere): nothing to hold.
        if (renewed.count === 0) clearInterval(timer);
      })
      .catch(() => undefined);
  const timer = setInterval(() => (renewing = renew()), Math.max(50, Math.floor(leaseMs / 3)));
  // The timer alone must not keep a process alive.
  timer.unref();
  const heartbeat: LeaseHeartbeat = {
    async stop() {
      clearInterval(timer);
      beating.delete(heartbeat);
      await renewing;
    },
  };
  beating.add(heartbeat);
  return heartbeat;
}

/** Tests: as if this process had died, no run's lease is renewed any more. */
export async function stopAllLeaseHeartbeats(): Promise<void> {
  await Promise.all([...beating].map((heartbeat) => heartbeat.stop()));
}
