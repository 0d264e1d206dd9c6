import type { DbTx } from "@/lib/db/client";
import { parseEnv } from "@/lib/config/env";
import { loadKeyring } from "@/lib/secrets/keyring";
import { parseRoleMap } from "@/lib/auth/oidc-roles";
import { throttlePolicy } from "@/lib/auth/throttle";

/** What an admin needs to know about this installation's configuration; never a key or a secret. */
export async function installationSettings(db: DbTx) {
  const env = parseEnv(process.env);
  const keyring = loadKeyring();
  const [currentKey, byVersion] = await Promise.all([
    db.encryptionKey.findUnique({ where: { fingerprint: keyring.current.fingerprint } }),
    db.secret.groupBy({ by: ["keyVersion"], _count: { _all: true }, orderBy: { keyVersion: "asc" } }),
  ]);
  return {
    database:
      process.env.HP_EMBEDDED_DATABASE === "1"
        ? "Embedded PostgreSQL (data directory)"
        : "External PostgreSQL (DATABASE_URL)",
    currentKeyVersion: currentKey?.version ?? null,
    previousKeysConfigured: keyring.byFingerprint.size - 1,
    secretsByKeyVersion: byVersion.map((row) => ({ keyVersion: row.keyVersion, count: row._count._all })),
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          claim: env.OIDC_ROLE_CLAIM,
          map: [...parseRoleMap(env.OIDC_ROLE_MAP)],
          defaultRole: env.OIDC_DEFAULT_ROLE ?? null,
        }
      : null,
    throttle: throttlePolicy,
    secureCookies: (env.NEXTAUTH_URL ?? "").startsWith("https://"),
  };
}
