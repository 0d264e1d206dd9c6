import { recordAuditEvent } from "@/lib/audit/record";
import { isRole, type Role } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashApiToken, looksLikeApiToken } from "./token-secret";

export type ApiCaller = {
  tokenId: string;
  user: { id: string; email: string; name: string; role: Role };
};

const refused = () =>
  new AppError("unauthenticated", "Send a valid API token as `Authorization: Bearer hp_...` (not expired or revoked).");

/**
 * The caller a bearer token stands for, with the user's role as it is now: an unknown, expired or revoked token, a
 * deactivated user or an unknown role is refused. Records the last use; the first use from a new address is audited.
 */
export async function authenticateApiToken(
  db: Db,
  request: { token: string; clientAddress: string | null; userAgent?: string | null; now?: Date },
): Promise<ApiCaller> {
  if (!looksLikeApiToken(request.token)) throw refused();
  const now = request.now ?? new Date();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(request.token) },
    select: {
      id: true,
      name: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAddress: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw refused();
  const { user } = row;
  if (!user.active || !isRole(user.role)) throw refused();
  const caller: ApiCaller = {
    tokenId: row.id,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
  };
  const address = request.clientAddress ?? null;
  if (address === row.lastUsedAddress) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    return caller;
  }
  await db.$transaction(async (tx) => {
    await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedAddress: address } });
    await recordAuditEvent(
      tx,
      {
        actor: { id: user.id, email: user.email, role: user.role },
        clientAddress: address,
        userAgent: request.userAgent,
      },
      {
        event: {
          action: "api_token.use_new_address",
          outcome: "success",
          target: { type: "api_token", id: row.id, label: row.name },
          details: { previousAddress: row.lastUsedAddress },
        },
      },
    );
  });
  return caller;
}
