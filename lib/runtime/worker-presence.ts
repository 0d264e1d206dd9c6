// Whether this process runs a worker, for the readiness check (kept on globalThis: Next.js bundles its own copy of
// this module, and the start script marks the one it shares with the route through the global).
const holder = globalThis as unknown as { hybridProvisionerWorkerSince?: Date };

export function markWorkerRunning(since = new Date()): void {
  holder.hybridProvisionerWorkerSince = since;
}

export function markWorkerStopped(): void {
  holder.hybridProvisionerWorkerSince = undefined;
}

/** When this process's worker started, or null when it runs none. */
export function workerRunningSince(): Date | null {
  return holder.hybridProvisionerWorkerSince ?? null;
}
