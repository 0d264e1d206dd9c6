import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

export const idempotencyKeyHeader = "Idempotency-Key";
const keyShape = /^[\x21-\x7E]{1,200}$/;

/** What a request asks for: its operation and target, readable, and a digest of its body. */
export interface IdempotentRequest {
  operationId: string;
  target: string;
  body: unknown;
}

const fingerprintOf = ({ operationId, target, body }: IdempotentRequest) =>
  `${operationId} ${target} ${createHash("sha256")
    .update(canonicalize(body ?? null) ?? "null")
    .digest("hex")}`;

/** A key first used for another request: answering with that request's run would be wrong, so it is refused. */
function refuseIfOther(stored: string, fingerprint: string) {
  if (stored === "" || stored === fingerprint) return;
  const words = stored.split(" ");
  const [operationId, target] = [words[0], words.slice(1, -1).join(" ")];
  throw new AppError("conflict", "This Idempotency-Key was already used for another request.", {
    [idempotencyKeyHeader]: [
      `was used for ${operationId} of ${target} with this token; send a new key with each new request`,
    ],
  });
}

/**
 * Starts a run once per (token, Idempotency-Key): a repeated key answers with the run the first request started. Two
 * requests racing with one key both start a run only if the first has not committed its key; the loser's insert
 * then fails on the primary key and it answers with the winner's run (its own queued run stays, visible and audited).
 */
export async function runOnce(
  db: Db,
  {
    tokenId,
    key,
    request,
    start,
  }: { tokenId: string; key: string | null; request: IdempotentRequest; start: () => Promise<string> },
): Promise<{ runId: string; replayed: boolean }> {
  if (key === null) return { runId: await start(), replayed: false };
  if (!keyShape.test(key))
    throw new AppError("invalid_input", "The Idempotency-Key is not valid.", {
      [idempotencyKeyHeader]: ["must be 1 to 200 visible ASCII characters"],
    });
  const fingerprint = fingerprintOf(request);
  const known = await db.apiIdempotencyKey.findUnique({ where: { tokenId_key: { tokenId, key } } });
  if (known) {
    refuseIfOther(known.request, fingerprint);
    return { runId: known.runId, replayed: true };
  }
  const runId = await start();
  try {
    await db.apiIdempotencyKey.create({ data: { tokenId, key, runId, request: fingerprint } });
    return { runId, replayed: false };
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") throw error;
    const winner = await db.apiIdempotencyKey.findUniqueOrThrow({ where: { tokenId_key: { tokenId, key } } });
    refuseIfOther(winner.request, fingerprint);
    return { runId: winner.runId, replayed: true };
  }
}
