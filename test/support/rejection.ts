import { expect } from "vitest";

/** The error a promise rejects with (of `type`, when given); fails the test when the promise resolves. */
export async function rejectionOf<E extends Error = Error>(
  promise: Promise<unknown>,
  type?: { prototype: E },
): Promise<E> {
  const outcome = await promise.then(
    () => ({ resolved: true as const }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) throw new Error("expected the call to fail");
  if (type) expect(outcome.error).toBeInstanceOf(type as never);
  return outcome.error as E;
}
