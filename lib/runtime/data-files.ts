import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The data directory holds the embedded database and generated keys. It is 0711 so the unprivileged
 * `postgres` account can reach its own sub-directory when the app runs as root, but cannot list or read the keys.
 */
export function ensureDataDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: 0o711 });
  chmodSync(directory, 0o711);
}

/** Reads a generated value, creating it (mode 0600) on first use. */
export function readOrCreateSecretFile(path: string, create: () => string): string {
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    return readFileSync(path, "utf8").trim();
  }
  const value = create();
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: "wx" });
  return value;
}

export const randomKeyBase64 = () => randomBytes(32).toString("base64");
export const randomToken = () => randomBytes(32).toString("base64url");

export const dataFiles = (directory: string) => ({
  masterKey: join(directory, "master.key"),
  previousKeys: join(directory, "previous.keys"),
  authSecret: join(directory, "auth.secret"),
  postgresPassword: join(directory, "postgres.password"),
  appRolePassword: join(directory, "postgres-app.password"),
  postgresDirectory: join(directory, "postgres"),
  initialAdmin: join(directory, "initial-admin.txt"),
});
