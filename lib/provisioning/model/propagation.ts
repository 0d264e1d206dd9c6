// Eventual consistency of Genesys Cloud: a new OAuth client, a regenerated secret, a new or changed certificate of the
// identity provider and a changed role are refused for a while after the change (docs/provisioning.md, Propagation).
import { setTimeout as sleep } from "node:timers/promises";

/** How long the engine waits for a recent change to take effect before it treats a refusal as final. */
export const DEFAULT_PROPAGATION_WINDOW_MS = 90_000;

/** What a step knows about propagation: the window, and when the provisioner last changed the objects involved. */
export interface StepPropagation {
  windowMs: number;
  /** The end of the latest apply (or rotation stage) that changed one of these steps' objects; null: none. */
  lastChangedAt(stepKeys: readonly string[]): Promise<Date | null>;
}

interface RefusalRetry {
  windowMs: number;
  /**
   * When the objects involved last changed, as far as known (null: no recent change is known); a function, asked only
   * after a refusal, when that depends on what was refused or costs a lookup.
   */
  changedAt: Date | null | ((refusal: unknown) => Date | null | Promise<Date | null>);
  /** Test seam. */
  sleep?: (ms: number) => Promise<unknown>;
  now?: () => number;
}

type Tried = { attempts: number; elapsedMs: number };
export type RetryOutcome<T> = ({ ok: true; value: T } | { ok: false; error: unknown }) & Tried;

/** A refusal is never final on the first answer: it is asked again at least once. */
const MIN_ATTEMPTS = 2;

/** Backoff between attempts: 1/40 of the window at first (50 ms to 1 s), doubling up to 1/6 of it (at most 15 s). */
export function refusalBackoffMs(windowMs: number, attempt: number): number {
  const base = Math.min(1000, Math.max(50, windowMs / 40));
  const ceiling = Math.min(15_000, Math.max(base, windowMs / 6));
  return Math.round(Math.min(ceiling, base * 2 ** (attempt - 1)));
}

/**
 * Runs `attempt` until it succeeds, fails otherwise than with a refusal (rethrown), or is still refused when the
 * change has had its window to take effect: until `changedAt + window`, at most `window` from now, and at least
 * twice. Without a recent change only the confirming second attempt is made, so plan and verify do not wait needlessly.
 */
export async function retryRefusals<T>(
  attempt: () => Promise<T>,
  isRefusal: (error: unknown) => boolean,
  options: RefusalRetry,
): Promise<RetryOutcome<T>> {
  const now = options.now ?? Date.now;
  const pause = options.sleep ?? sleep;
  const started = now();
  const deadlineFor = async (refusal: unknown) => {
    const changedAt = typeof options.changedAt === "function" ? await options.changedAt(refusal) : options.changedAt;
    return Math.min((changedAt?.getTime() ?? Number.NEGATIVE_INFINITY) + options.windowMs, started + options.windowMs);
  };
  for (let attempts = 1; ; attempts += 1) {
    try {
      const value = await attempt();
      return { ok: true, value, attempts, elapsedMs: now() - started };
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const left = (await deadlineFor(error)) - now();
      if (attempts >= MIN_ATTEMPTS && left <= 0) return { ok: false, error, attempts, elapsedMs: now() - started };
      const backoff = refusalBackoffMs(options.windowMs, attempts);
      await pause(attempts >= MIN_ATTEMPTS ? Math.min(backoff, left) : backoff);
    }
  }
}

/** "12 s", "1.5 s": how long a retry went on, for operator messages. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds)} s`;
}
