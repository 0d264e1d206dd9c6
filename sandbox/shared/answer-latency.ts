import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waits until `latencyMs` after the request arrived (`arrivedAt`, from performance.now()). A remote service's answer
 * time includes its own handling, so the sandbox's handling is part of the injected latency rather than added to it.
 */
export async function answerAfter(arrivedAt: number, latencyMs: number): Promise<void> {
  const left = Math.round(arrivedAt + latencyMs - performance.now());
  if (left > 0) await sleep(left);
}
