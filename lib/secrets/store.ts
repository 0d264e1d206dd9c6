import { randomUUID } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
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

/** Seals a value (inserted, or replacing what the ref held). */
export async function sealSecret(
  db: DbTx,
  { ref, value, keyring = loadKeyring() }: { ref: SecretRef; value: string; keyring?: Keyring },
): Promise<void> {
  await sealSecrets(db, [{ ref, value }], keyring);
}

/** Seals several values with one statement (inserted, or replacing what each ref held). */
export async function sealSecrets(
  db: DbTx,
  entries: { ref: SecretRef; value: string }[],
  keyring: Keyring = loadKeyring(),
): Promise<void> {
  if (entries.length === 0) return;
  await db.$executeRaw`${await sealingStatement(db, entries, keyring)}`;
}

/**
 * The statement that seals the values (non-empty), for a caller to run or to make part of its own (as a common table
 * expression); the values are remembered for redaction at once.
 */
export async function sealingStatement(
  db: DbTx,
  entries: { ref: SecretRef; value: string }[],
  keyring: Keyring = loadKeyring(),
): Promise<Prisma.Sql> {
  for (const { value } of entries) rememberSecretValue(value);
  const keyVersion = await keyVersionOf(db, keyring.current.fingerprint);
  const rows = entries.map(
    ({ ref, value }) =>
      Prisma.sql`(${randomUUID()}::uuid, ${ref.ownerType}, ${ref.ownerId}, ${ref.purpose}, ${keyVersion}::int, ${encrypt(keyring.current.key, value, contextOf(ref))}, now(), now())`,
  );
  return Prisma.sql`
    INSERT INTO secrets (id, owner_type, owner_id, purpose, key_version, sealed, created_at, updated_at) VALUES ${Prisma.join(rows)}
    ON CONFLICT (owner_type, owner_id, purpose) DO UPDATE SET key_version = EXCLUDED.key_version, sealed = EXCLUDED.sealed, updated_at = EXCLUDED.updated_at`;
}

/** Opens a sealed value; undefined when none is stored. The value is remembered so audit redaction can recognise it. */
export async function openSecret(
  db: DbTx,
  ref: SecretRef,
  keyring: Keyring = loadKeyring(),
): Promise<string | undefined> {
  // The sealed value and its key's fingerprint in one round trip.
  const [row] = await db.$queryRaw<{ sealed: string; keyVersion: number; fingerprint: string | null }[]>`
    SELECT s.sealed, s.key_version AS "keyVersion", k.fingerprint
    FROM secrets s LEFT JOIN encryption_keys k ON k.version = s.key_version
    WHERE s.owner_type = ${ref.ownerType} AND s.owner_id = ${ref.ownerId} AND s.purpose = ${ref.purpose}`;
  if (!row) return undefined;
  const value = decrypt(keyOf(row.keyVersion, row.fingerprint, keyring), row.sealed, contextOf(ref));
  rememberSecretValue(value);
  return value;
}

/**
 * Opens, with one query, every value held by the given owners (all their purposes) and the given refs; each is
 * remembered for redaction. Returns them by ref: a ref that holds nothing is not in the list.
 */
export async function openSecrets(
  db: DbTx,
  { owners = [], refs = [] }: { owners?: { ownerType: string; ownerId: string }[]; refs?: SecretRef[] },
  keyring: Keyring = loadKeyring(),
): Promise<{ ref: SecretRef; value: string }[]> {
  const wanted = [
    ...owners.map((owner) => Prisma.sql`(s.owner_type = ${owner.ownerType} AND s.owner_id = ${owner.ownerId})`),
    ...refs.map(
      (ref) =>
        Prisma.sql`(s.owner_type = ${ref.ownerType} AND s.owner_id = ${ref.ownerId} AND s.purpose = ${ref.purpose})`,
    ),
  ];
  if (wanted.length === 0) return [];
  const rows = await db.$queryRaw<
    {
      ownerType: string;
      ownerId: string;
      purpose: string;
      sealed: string;
      keyVersion: number;
      fingerprint: string | null;
    }[]
  >`
    SELECT s.owner_type AS "ownerType", s.owner_id AS "ownerId", s.purpose, s.sealed, s.key_version AS "keyVersion", k.fingerprint
    FROM secrets s LEFT JOIN encryption_keys k ON k.version = s.key_version
    WHERE ${Prisma.join(wanted, " OR ")}`;
  return rows.map(({ ownerType, ownerId, purpose, sealed, keyVersion, fingerprint }) => {
    const ref = { ownerType, ownerId, purpose };
    const value = decrypt(keyOf(keyVersion, fingerprint, keyring), sealed, contextOf(ref));
    rememberSecretValue(value);
    return { ref, value };
  });
}

export async function hasSecret(db: DbTx, ref: SecretRef): Promise<boolean> {
  return (await db.secret.count({ where: ref })) > 0;
}

export async function deleteSecret(db: DbTx, ref: SecretRef): Promise<void> {
  await db.secret.deleteMany({ where: ref });
}

export async function keyFor(db: DbTx, keyVersion: number, keyring: Keyring): Promise<Buffer> {
  const version = await db.encryptionKey.findUnique({ where: { version: keyVersion } });
  return keyOf(keyVersion, version?.fingerprint ?? null, keyring);
}

/** The master key with this fingerprint (of key version keyVersion), from the current or a previous key. */
function keyOf(keyVersion: number, fingerprint: string | null, keyring: Keyring): Buffer {
  const entry = fingerprint === null ? undefined : keyring.byFingerprint.get(fingerprint);
  if (!entry) {
    throw new SecretKeyError(
      `A secret is sealed with key version ${keyVersion}, which is neither APP_ENCRYPTION_KEY nor in APP_ENCRYPTION_PREVIOUS_KEYS.`,
    );
  }
  return entry.key;
}
