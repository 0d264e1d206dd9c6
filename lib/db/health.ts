import type { DbTx } from "@/lib/db/client";

type DatabaseHealth = { ok: true } | { ok: false; reason: string };

/** One round trip with a short deadline, so a hung database answers the health check instead of hanging it. */
export async function checkDatabase(db: DbTx, timeoutMs = 2_000): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `the database did not answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const query = db.$queryRaw`SELECT 1`.then(
    (): DatabaseHealth => ({ ok: true }),
    (error: unknown): DatabaseHealth => ({
      ok: false,
      reason: `the database cannot be reached (${error instanceof Error ? error.name : "error"})`,
    }),
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
