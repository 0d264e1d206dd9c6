import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

export const idempotencyKeyHeader = "Idempotency-Key";
const keyShape = /^[\x21-\x7E]{1,200}$/;

/**
 * Starts a run once per (token, Idempotency-Key): a repeated key answers with the run the first request started. Two
 * requests racing with one key both start a run only if the first has not committed its key; the loser's insert
 * then fails on the primary key and it answers with the winner's run (its own queued run stays, visible and audited).
 */
export async function runOnce(
  db: Db,
  { tokenId, key, start }: { tokenId: string; key: string | null; start: () => Promise<string> },
): Promise<{ runId: string; replayed: boolean }> {
  if (key === null) return { runId: await start(), replayed: false };
  if (!keyShape.test(key))
    throw new AppError("invalid_input", "The Idempotency-Key is not valid.", {
      [idempotencyKeyHeader]: ["must be 1 to 200 visible ASCII characters"],
    });
  const known = await db.apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
  if (known) return { runId: known.runId, replayed: true };
  const runId = await start();
  try {
    await db.apiIdempotencyKey.create({ data: { tokenId, key, runId } });
    return { runId, replayed: false };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    const winner = await db.apiIdempotencyKey.findUniqueOrThrow({ where: { tokenId_key: { tokenId, key } } });
    return { runId: winner.runId, replayed: true };
  }
}
