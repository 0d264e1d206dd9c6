// Eventual consistency: a change takes effect only `delay` after it was made; until then the state before it holds.
// The delay is part of the fault configuration (`propagationDelaySeconds`, default 0: changes take effect at once),
// read when the change is made.

/** The state before a change, in effect until the change has propagated. */
export interface PendingChange<T> {
  previous: T;
  /** When the change takes effect (epoch ms). */
  until: number;
}

/**
 * Records a change made now. A change on top of one that has not propagated yet keeps the older state in effect
 * (the last settled one), until the new change has propagated.
 */
export function recordChange<T>(
  pending: PendingChange<T> | undefined,
  { before, delayMs, now = Date.now() }: { before: T; delayMs: number; now?: number },
): PendingChange<T> {
  const unsettled = pending && now < pending.until;
  return { previous: unsettled ? pending.previous : before, until: now + delayMs };
}

/** The value in effect now: the previous one while the last change has not propagated, otherwise the current one. */
export function inEffect<T>(current: T, pending: PendingChange<T> | undefined, now = Date.now()): T {
  return pending && now < pending.until ? pending.previous : current;
}

/** Whether something known from `knownFrom` (undefined: seeded, always known) is known by now. */
export function propagated(knownFrom: number | undefined, now = Date.now()): boolean {
  return knownFrom === undefined || now >= knownFrom;
}
