/** How long something has waited, short: "12 s", "3 min 5 s", "42 min", "2 h 5 min". */
export function waitedFor(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes} min ${seconds % 60} s`;
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * How long a run has been queued, by the server's clock: the checklist was read at `checkedAt` (server time) and
 * received `receivedAt` (this browser's clock), so a browser clock that is off does not change the answer.
 */
export function queuedFor(
  run: { queuedAt: string },
  { checkedAt, receivedAt, now }: { checkedAt: string; receivedAt: number; now: number },
): number {
  return Date.parse(checkedAt) - Date.parse(run.queuedAt) + (now - receivedAt);
}

/** One toast per run: what a button said about a run is replaced by how the run ended. */
export const runToastId = (runId: string) => `run-${runId}`;
