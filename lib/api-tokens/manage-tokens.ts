import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { can } from "@/lib/auth/permissions";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createApiTokenInput, type CreateApiTokenInput } from "./schemas";
import { displayPrefix, generateApiToken, hashApiToken } from "./token-secret";

const dayMs = 24 * 60 * 60 * 1000;

export const apiTokenListFields = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  lastUsedAddress: true,
  revokedAt: true,
  revokedBy: true,
  user: { select: { id: true, email: true } },
} as const;

/**
 * Creates a token for the acting user (context.actor) and returns it once: only its hash is stored, so it cannot
 * be shown again.
 */
export async function createApiToken(
  db: Db,
  context: AuditContext,
  options: { input: CreateApiTokenInput; now?: Date },
): Promise<{ id: string; token: string; name: string; expiresAt: Date | null }> {
  const input = createApiTokenInput.parse(options.input);
  const userId = context.actor.id;
  if (!userId) throw new AppError("forbidden", "Only a user of the dashboard can own an API token.");
  const now = options.now ?? new Date();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * dayMs) : null;
  const token = generateApiToken();
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, active: true } });
    if (!user?.active) throw new AppError("forbidden", "Only an active user can create an API token.");
    const row = await tx.apiToken.create({
      data: { userId, name: input.name, tokenHash: hashApiToken(token), prefix: displayPrefix(token), expiresAt },
      select: { id: true, name: true, expiresAt: true },
    });
    await recordAuditEvent(tx, context, {
      event: {
        action: "api_token.create",
        outcome: "success",
        target: { type: "api_token", id: row.id, label: row.name },
        details: { userId, email: user.email, name: row.name, expiresAt: expiresAt?.toISOString() ?? null },
      },
      knownSecrets: [token],
    });
    return { ...row, token };
  });
}

/** Revokes a token: its owner may, and so may anyone whose role manages users (admins). */
export async function revokeApiToken(db: Db, context: AuditContext, input: { id: string }) {
  return db.$transaction(async (tx) => {
    const row = await findToken(tx, input.id);
    const own = row.userId === context.actor.id;
    if (!own && !can(context.actor.role, "user.manage"))
      throw new AppError("forbidden", "Only the token's owner or an admin can revoke it.");
    if (row.revokedAt) return row;
    const revoked = await tx.apiToken.update({
      where: { id: row.id },
      data: { revokedAt: new Date(), revokedBy: context.actor.email },
      select: { id: true, userId: true, name: true, revokedAt: true, user: { select: { email: true } } },
    });
    await recordAuditEvent(tx, context, {
      event: {
        action: "api_token.revoke",
        outcome: "success",
        target: { type: "api_token", id: row.id, label: row.name },
        details: { userId: row.userId, email: row.user.email, name: row.name },
      },
    });
    return revoked;
  });
}

async function findToken(tx: DbTx, id: string) {
  const row = await tx.apiToken.findUnique({
    where: { id },
    select: { id: true, userId: true, name: true, revokedAt: true, user: { select: { email: true } } },
  });
  if (!row) throw new AppError("not_found", "This API token does not exist.");
  return row;
}

/** A user's own tokens, newest first; with no userId, everyone's (for admins). */
export async function listApiTokens(db: DbTx, filter: { userId?: string } = {}) {
  return db.apiToken.findMany({
    where: filter.userId ? { userId: filter.userId } : {},
    select: apiTokenListFields,
    orderBy: [{ createdAt: "desc" }],
  });
}
export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
