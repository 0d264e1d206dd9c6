import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits until `latencyMs` after the request arrived (`arrivedAt`, from performance.now()). A remote service's answer
 * time includes its own handling, so the sandbox's handling is part of the injected latency rather than added to it.
 * A timer fires up to a millisecond after its whole-millisecond delay, so the delay is rounded down: answers then
 * take the configured latency on average (measured 39.6-39.8 ms at 40 ms; rounded to nearest, 41).
 */
export async function answerAfter(arrivedAt: number, latencyMs: number): Promise<void> {
  const left = Math.floor(arrivedAt + latencyMs - performance.now());
  if (left > 0) await sleep(left);
}
