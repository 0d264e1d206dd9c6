import type { DbTx } from "@/lib/db/client";
import { rememberSecretValue } from "@/lib/audit/redact";
import { decrypt, encrypt } from "@/lib/secrets/cipher";
import { loadKeyring, SecretKeyError, type Keyring } from "@/lib/secrets/keyring";

export type SecretRef = { ownerType: string; ownerId: string; purpose: string };

const contextOf = (ref: SecretRef) => `${ref.ownerType}/${ref.ownerId}/${ref.purpose}`;
const versionCache = new Map<string, number>();

/** The key version of a master key: registered once per database, by fingerprint. */
export async function keyVersionOf(db: DbTx, fingerprint: string): Promise<number> {
  const cached = versionCache.get(fingerprint);
  if (cached) return cached;
  // ON CONFLICT DO NOTHING, then read: safe when several transactions register the same key at once.
  await db.encryptionKey.createMany({ data: [{ fingerprint }], skipDuplicates: true });
  const row = await db.encryptionKey.findUniqueOrThrow({ where: { fingerprint } });
  versionCache.set(fingerprint, row.version);
  return row.version;
}

export async function sealSecret(db: DbTx, ref: SecretRef, value: string, keyring: Keyring = loadKeyring()): Promise<void> {
  rememberSecretValue(value);
  const keyVersion = await keyVersionOf(db, keyring.current.fingerprint);
  const sealed = encrypt(keyring.current.key, value, contextOf(ref));
  await db.secret.upsert({
    where: { ownerType_ownerId_purpose: ref },
    create: { ...ref, keyVersion, sealed },
    update: { keyVersion, sealed },
  });
}

/** Opens a sealed value; undefined when none is stored. The value is remembered so audit redaction can recognise it. */
export async function openSecret(db: DbTx, ref: SecretRef, keyring: Keyring = loadKeyring()): Promise<string | undefined> {
  const row = await db.secret.findUnique({
    where: { ownerType_ownerId_purpose: ref },
    select: { sealed: true, keyVersion: true },
  });
  if (!row) return undefined;
  const value = decrypt(await keyFor(db, row.keyVersion, keyring), row.sealed, contextOf(ref));
  rememberSecretValue(value);
  return value;
}

export async function hasSecret(db: DbTx, ref: SecretRef): Promise<boolean> {
  return (await db.secret.count({ where: ref })) > 0;
}

export async function deleteSecret(db: DbTx, ref: SecretRef): Promise<void> {
  await db.secret.deleteMany({ where: ref });
}

export async function keyFor(db: DbTx, keyVersion: number, keyring: Keyring): Promise<Buffer> {
  const version = await db.encryptionKey.findUnique({ where: { version: keyVersion } });
  const entry = version && keyring.byFingerprint.get(version.fingerprint);
  if (!entry) {
    throw new SecretKeyError(
      `A secret is sealed with key version ${keyVersion}, which is neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_PREVIOUS_KEYS.`,
    );
  }
  return entry.key;
}
