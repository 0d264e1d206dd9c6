import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit/record";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { loadKeyring } from "@/lib/secrets/keyring";
import { rotateSecrets } from "@/lib/secrets/rotate";
import { openSecret, sealSecret, sealSecrets } from "@/lib/secrets/store";
import { isolatedDatabase } from "@/test/support/db";

const isolated = await isolatedDatabase();
const db = isolated.db;
afterAll(() => isolated.drop());

const newKey = () => randomBytes(32).toString("base64");
const keyringOf = (current: string, ...previous: string[]) =>
  loadKeyring({ APP_ENCRYPTION_KEY: current, APP_ENCRYPTION_PREVIOUS_KEYS: previous.join(",") });
const ref = (purpose: string) => ({ ownerType: "test", ownerId: randomBytes(4).toString("hex"), purpose });

describe("sealed secrets", () => {
  const keyA = newKey();

  it("round-trips a value and stores neither the value nor a repeated ciphertext", async () => {
    const keyring = keyringOf(keyA);
    const first = ref("client-secret");
    const second = ref("client-secret");
    await sealSecret(db, { ref: first, value: "the-client-secret-value", keyring });
    await sealSecret(db, { ref: second, value: "the-client-secret-value", keyring });
    expect(await openSecret(db, first, keyring)).toBe("the-client-secret-value");
    const rows = await db.secret.findMany({
      where: { ownerId: { in: [first.ownerId, second.ownerId] } },
      select: { sealed: true, keyVersion: true },
    });
    expect(rows[0]!.sealed).not.toBe(rows[1]!.sealed);
    for (const row of rows) expect(row.sealed).not.toContain(Buffer.from("the-client-secret-value").toString("base64"));
  });

  it("seals several values with one statement, replacing what a ref held", async () => {
    const keyring = keyringOf(keyA);
    const ownerId = randomBytes(4).toString("hex");
    const [key, password] = [
      { ownerType: "test", ownerId, purpose: "key" },
      { ownerType: "test", ownerId, purpose: "password" },
    ];
    await sealSecret(db, { ref: key, value: "the-old-key", keyring });
    await sealSecrets(
      db,
      [
        { ref: key, value: "the-new-key" },
        { ref: password, value: "the-password" },
      ],
      keyring,
    );
    expect([await openSecret(db, key, keyring), await openSecret(db, password, keyring)]).toEqual([
      "the-new-key",
      "the-password",
    ]);
    const rows = await db.secret.findMany({ where: { ownerId }, select: { sealed: true } });
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.sealed).not.toMatch(/the-new-key|the-password|dGhlLW5ldy1rZXk|dGhlLXBhc3N3b3Jk/);
  });

  it("registers a new key once when many values are sealed with it at the same moment", async () => {
    const keyring = keyringOf(newKey());
    const refs = Array.from({ length: 6 }, (_, index) => ref(`parallel-${index}`));
    await Promise.all(
      refs.map((secretRef, index) => sealSecret(db, { ref: secretRef, value: `parallel-value-${index}`, keyring })),
    );
    expect(await db.encryptionKey.count({ where: { fingerprint: keyring.current.fingerprint } })).toBe(1);
    // Sealed under a key no later test knows.
    await db.secret.deleteMany({ where: { OR: refs } });
  });

  it("opens a value, current or previous key, with one query", async () => {
    const keyB = newKey();
    const current = ref("one-query");
    const previous = ref("one-query");
    await sealSecret(db, { ref: current, value: "opened-in-one-query", keyring: keyringOf(keyA) });
    await sealSecret(db, { ref: previous, value: "sealed-under-b", keyring: keyringOf(keyB) });
    const logged = new PrismaClient({
      adapter: new PrismaPg({ connectionString: isolated.url, max: 1 }),
      log: [{ emit: "event", level: "query" }],
    });
    const statements: string[] = [];
    logged.$on("query", (event) => statements.push(event.query));
    try {
      expect(await openSecret(logged, current, keyringOf(keyA, keyB))).toBe("opened-in-one-query");
      expect(await openSecret(logged, previous, keyringOf(keyA, keyB))).toBe("sealed-under-b");
      expect(statements).toHaveLength(2);
    } finally {
      await logged.$disconnect();
      await db.secret.deleteMany({ where: { OR: [current, previous] } });
    }
  });

  it("returns undefined when nothing is stored", async () => {
    expect(await openSecret(db, ref("absent"), keyringOf(keyA))).toBeUndefined();
  });

  it("binds a sealed value to its row: copied to another owner it does not open", async () => {
    const keyring = keyringOf(keyA);
    const source = ref("password");
    const target = ref("password");
    await sealSecret(db, { ref: source, value: "bound-value", keyring });
    await sealSecret(db, { ref: target, value: "other", keyring });
    const sealedSource = await db.secret.findFirstOrThrow({ where: source, select: { sealed: true } });
    await db.secret.updateMany({ where: target, data: { sealed: sealedSource.sealed } });
    await expect(openSecret(db, target, keyring)).rejects.toThrow();
    await db.secret.deleteMany({ where: target });
  });

  it("names the missing key when a value was sealed under a key that is no longer configured", async () => {
    const secretRef = ref("token");
    await sealSecret(db, { ref: secretRef, value: "sealed-under-a", keyring: keyringOf(keyA) });
    await expect(openSecret(db, secretRef, keyringOf(newKey()))).rejects.toThrow(
      /key version \d+.*APP_ENCRYPTION_PREVIOUS_KEYS/,
    );
    await db.secret.deleteMany({ where: secretRef });
  });

  it("rotation re-seals every secret under the new key version, audits it, and can be re-run", async () => {
    const keyB = newKey();
    const refs = [ref("a"), ref("b"), ref("c")];
    for (const [index, secretRef] of refs.entries())
      await sealSecret(db, { ref: secretRef, value: `value-${index}-xyz`, keyring: keyringOf(keyA) });
    const rotating = keyringOf(keyB, keyA);
    const report = await rotateSecrets(db, { actor: systemActor }, { keyring: rotating, batchSize: 2 });
    expect(report.resealed).toBeGreaterThanOrEqual(refs.length);
    expect(await db.secret.count({ where: { keyVersion: { not: report.keyVersion } } })).toBe(0);
    // The old key is no longer needed.
    for (const [index, secretRef] of refs.entries())
      expect(await openSecret(db, secretRef, keyringOf(keyB))).toBe(`value-${index}-xyz`);
    const event = await db.auditEvent.findFirst({ where: { action: "key.rotate" }, orderBy: { seq: "desc" } });
    expect(event?.details).toMatchObject({ keyVersion: report.keyVersion, resealed: report.resealed });
    const again = await rotateSecrets(db, { actor: systemActor }, { keyring: rotating });
    expect(again.resealed).toBe(0);
  });
});

describe("the keyring", () => {
  it("is read once per change of the key variables, and read again when they change", () => {
    const [first, second] = [newKey(), newKey()];
    const keyring = loadKeyring({ APP_ENCRYPTION_KEY: first });
    expect(loadKeyring({ APP_ENCRYPTION_KEY: first })).toBe(keyring);
    const rotated = loadKeyring({ APP_ENCRYPTION_KEY: second, APP_ENCRYPTION_PREVIOUS_KEYS: first });
    expect(rotated).not.toBe(keyring);
    expect(rotated.current.fingerprint).not.toBe(keyring.current.fingerprint);
    expect(rotated.byFingerprint.get(keyring.current.fingerprint)?.key).toEqual(keyring.current.key);
  });
});
