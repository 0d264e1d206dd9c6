/**
 * Polls until `probe` gives a value (anything but undefined or false), for at most `timeoutMs`; fails naming `what`.
 * The one polling helper of the tests.
 */
export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  {
    timeoutMs = 5_000,
    what = "the condition",
    intervalMs = 20,
  }: { timeoutMs?: number; what?: string; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
