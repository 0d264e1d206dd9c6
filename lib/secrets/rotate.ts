import type { Db } from "@/lib/db/client";
import { recordAuditEvent, type AuditContext } from "@/lib/audit/record";
import { decrypt, encrypt } from "@/lib/secrets/cipher";
import { loadKeyring, type Keyring } from "@/lib/secrets/keyring";
import { keyFor, keyVersionOf } from "@/lib/secrets/store";

type RotationReport = { keyVersion: number; resealed: number; alreadyCurrent: number };

/**
 * Re-seals every secret under the current master key. Each batch is one transaction, so an interrupted
 * rotation can simply be run again. The old key can be dropped once this reports nothing left to re-seal.
 */
export async function rotateSecrets(
  db: Db,
  audit: AuditContext,
  { keyring = loadKeyring(), batchSize = 200 }: { keyring?: Keyring; batchSize?: number } = {},
): Promise<RotationReport> {
  const keyVersion = await keyVersionOf(db, keyring.current.fingerprint);
  let resealed = 0;
  for (;;) {
    const batch = await db.secret.findMany({
      where: { keyVersion: { not: keyVersion } },
      select: { id: true, ownerType: true, ownerId: true, purpose: true, keyVersion: true, sealed: true },
      take: batchSize,
    });
    if (batch.length === 0) break;
    await db.$transaction(async (tx) => {
      for (const row of batch) {
        const context = `${row.ownerType}/${row.ownerId}/${row.purpose}`;
        const value = decrypt(await keyFor(tx, row.keyVersion, keyring), row.sealed, context);
        await tx.secret.update({
          where: { id: row.id, keyVersion: row.keyVersion },
          data: { keyVersion, sealed: encrypt(keyring.current.key, value, context) },
        });
      }
    });
    resealed += batch.length;
  }
  const alreadyCurrent = (await db.secret.count({ where: { keyVersion } })) - resealed;
  await db.$transaction((tx) =>
    recordAuditEvent(tx, audit, {
      event: {
        action: "key.rotate",
        outcome: "success",
        target: { type: "encryption-key", id: String(keyVersion) },
        details: { keyVersion, resealed, alreadyCurrent },
      },
    }),
  );
  return { keyVersion, resealed, alreadyCurrent };
}
